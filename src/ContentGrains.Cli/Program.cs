using ContentGrains.Cli;

return args switch
{
    ["evaluate", .. var rest] => EvaluateCommand.Run(rest, Console.Out, Console.Error),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: contentgrains evaluate --data DIR [--dataset NAME] [--format recbole] [--split given]
                                      [--models pop,ease] [--k 10,20] [--out results.json]
        """);
    return 2;
}
