using ContentGrains.Cli;

return args switch
{
    ["evaluate", .. var rest] => EvaluateCommand.Run(rest, Console.Out, Console.Error),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: contentgrains evaluate --data DIR [--dataset NAME] [--format recbole] [--split given|RS:0.8,0.1,0.1|TO:0.8,0.1,0.1]
                                      [--seed 2020] [--seeds N]
                                      [--models pop,itemknn,ease] [--k 10,20] [--out results.json]
        """);
    return 2;
}
