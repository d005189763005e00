using System.CommandLine;
using ContentGrains.Cli.CommandLine;

namespace ContentGrains.Cli;

/// <summary>`contentgrains models`: the registered model names, comma-separated (what --models accepts).</summary>
public static class ModelsCommand
{
    public static Command Create(CliIo io) => CommandTree.Leaf("models", "Prints the registered model names, comma-separated (what evaluate's --models accepts).", [], _ =>
    {
        io.Output.WriteLine(string.Join(',', ModelRegistry.Names));
        return 0;
    });
}
