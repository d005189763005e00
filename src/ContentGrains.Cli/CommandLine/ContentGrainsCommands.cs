using System.CommandLine;

namespace ContentGrains.Cli.CommandLine;

/// <summary>
/// The `contentgrains` command tree. Each command declares its options in its own file (a `Create(CliIo)` next to its
/// `Run`); adding a command is one line here.
/// </summary>
public static class ContentGrainsCommands
{
    public const string Name = "contentgrains";
    public const string Description = "ContentGrains' command line: offline evaluation, import, simulation and analyses. " +
                                      "`contentgrains COMMAND --help` describes a command and each of its options.";

    public static RootCommand Create(CliIo io)
    {
        var root = new RootCommand(Description);
        foreach (var command in Commands(io)) root.Add(command);
        root.SetAction(result =>
        {
            CommandTree.WriteUsage(result, io.Errors);
            return CommandTree.UsageError;
        });
        return root;
    }

    private static IEnumerable<Command> Commands(CliIo io) =>
    [
        EvaluateCommand.Create(io),
        Import.ImportCommand.Create(io),
        ColdStartCommand.Create(io),
        TuneCommand.Create(io),
        Simulation.SimulateCommand.Create(io),
        QualityTableCommand.Create(io),
        TrainCommand.Create(io),
        Bandits.BanditCommand.Create(io),
        Experiments.ExperimentCommand.Create(io),
        RulesCommand.Create(io),
        SentimentCommand.Create(io),
        SegmentsCommand.Create(io),
        ChannelsCommand.Create(io),
        KpisCommand.Create(io),
        Topics.TopicsCommand.Create(io),
        KeyCommand.Create(io),
        UserCommand.Create(io),
        Reports.ReportCommand.Create(io),
        ModelsCommand.Create(io),
        PredictCtr.PredictCtrCommand.Create(io),
        Rankers.RankersCommand.Create(io),
    ];
}
