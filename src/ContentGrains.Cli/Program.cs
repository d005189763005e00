using ContentGrains.Cli;

return args switch
{
    ["evaluate", .. var rest] => EvaluateCommand.Run(rest, Console.Out, Console.Error),
    ["import", .. var rest] => await ContentGrains.Cli.Import.ImportCommand.RunAsync(rest, Console.Out, Console.Error, terminal: !Console.IsErrorRedirected),
    ["cold-start", .. var rest] => ColdStartCommand.Run(rest, Console.Out, Console.Error),
    ["tune", .. var rest] => TuneCommand.Run(rest, Console.Out, Console.Error),
    ["simulate", .. var rest] => await ContentGrains.Cli.Simulation.SimulateCommand.RunAsync(rest, Console.Out, Console.Error),
    ["quality-table", .. var rest] => QualityTableCommand.Run(rest, Console.Out, Console.Error),
    ["train", .. var rest] => await TrainCommand.RunAsync(rest, Console.Out, Console.Error),
    ["bandit", .. var rest] => ContentGrains.Cli.Bandits.BanditCommand.Run(rest, Console.Out, Console.Error),
    ["experiment", .. var rest] => await ContentGrains.Cli.Experiments.ExperimentCommand.RunAsync(rest, Console.Out, Console.Error),
    ["rules", .. var rest] => RulesCommand.Run(rest, Console.Out, Console.Error),
    ["sentiment", .. var rest] => SentimentCommand.Run(rest, Console.Out, Console.Error),
    ["segments", .. var rest] => SegmentsCommand.Run(rest, Console.Out, Console.Error),
    ["channels", .. var rest] => ChannelsCommand.Run(rest, Console.Out, Console.Error),
    ["kpis", .. var rest] => KpisCommand.Run(rest, Console.Out, Console.Error),
    ["topics", .. var rest] => ContentGrains.Cli.Topics.TopicsCommand.Run(rest, Console.Out, Console.Error),
    ["key", .. var rest] => KeyCommand.Run(rest, Console.Out, Console.Error),
    ["user", .. var rest] => await UserCommand.RunAsync(rest, Console.Out, Console.Error),
    ["report", .. var rest] => await ContentGrains.Cli.Reports.ReportCommand.RunAsync(rest, Console.Out, Console.Error),
    ["models"] => Models(),
    _ => Usage(),
};

static int Models()
{
    Console.WriteLine(string.Join(',', ModelRegistry.Names));
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: contentgrains evaluate --data DIR [--dataset NAME] [--format recbole] [--split given|RS:0.8,0.1,0.1|TO:0.8,0.1,0.1]
                                      [--seed 2020] [--seeds N]
                                      [--models pop,itemknn,ease] [--k 10,20] [--out results.json]
               contentgrains evaluate --format mind --data DIR [--out results.json] [--seed 2020]
                                      (click model on MIND impressions: behaviors.tsv, news.tsv when present; test = last day)
               contentgrains import (--data DIR [--dataset NAME] | --events F[,F] [--items F] [--users F]) [--format recbole|movielens|csv|jsonl]
                                    (--to http://host:port [--api-key KEY] | --out DIR [--name NAME])
                                    [--batch 5000] [--parallel 4] [--like-at 4] [--map SOURCE=COLUMN,…]   (CSV: rename columns, e.g. movieId=itemId)
               contentgrains cold-start --data DIR [--dataset NAME] [--fraction 0.1] [--seed 2020] [--k 20]
                                        [--models embedding,content,pop,random] [--out cold.json]
               contentgrains tune --data DIR [--dataset NAME] [--split given|RS:…] [--seed 2020]
                                  --model ease|ease-pop|itemknn|userknn|rp3beta|hybrid [--metric ndcg@10] [--out tune.json]
               contentgrains simulate --url http://host:port [--users 200] [--items 500] [--days 5] [--seed 1] [--feed-size 10]
                                      [--topics 20] [--channel web] [--parallel 4] [--retrain-every-day] [--api-key KEY] [--out report.json]
                                      [--impressions impressions.jsonl] [--segments K --groups GROUPS.tsv]
                                      [--variant-items N] [--headline-variants 3] [--headline-lift 0.3]
               contentgrains simulate bulk --users N --items M --events E --out DIR [--format recbole|jsonl] [--seed 1] [--days 30] [--name sim]
                                           [--segments K]   (planted groups; their truth goes to groups.tsv / NAME.groups)
                                           [--bots N]   (planted non-human clients; their ids and scripts in DIR/bots.tsv)
               contentgrains simulate comments --out DIR [--items 100] [--spikes 10] [--days 30] [--users 1000] [--topics 20] [--seed 1]
                                               (comment events with planted negative sentiment spikes: comments.jsonl, truth in spikes.tsv)
               contentgrains channels simulate --out month.json [--people 10000] [--days 30] [--learn-days 14] [--items 40] [--seed 7]
               contentgrains quality-table --in report.json [--in …] [--readme README.md]
               contentgrains train --url http://host:port [--kind ease|itemknn|pop|bpr|…] [--wait] [--api-key KEY]
                                   (starts a training job over HTTP; --wait follows it to the end)
               contentgrains key new --name NAME --scopes ingest,read,admin
                                   (prints a new API key once and its ContentGrains:ApiKeys entry: the key's SHA-256)
               contentgrains rules --data FILE --format recbole|mind --min-support S --out F [--min-confidence 0.1] [--min-lift 1]
                                   [--max-size 2] [--session-gap 30] [--verify]   (FP-Growth association rules; --verify: brute force too)
               contentgrains sentiment train --data DIR --out MODEL [--report F] [--folds 5 (0: none)] [--l2 X (one fit)]
               contentgrains sentiment score --model MODEL --in FILE.csv|FILE.tsv --column NAME --out F   (JSON: P(positive) per row)
               contentgrains sentiment alerts --model MODEL --events comments.jsonl --out F [--window-hours 24]
                                   (scores event texts, keeps each item's windows and runs the engine's spike detector: JSON alerts)
               contentgrains segments --data FILE --format recbole|simulated --out F [--truth GROUPS.tsv] [--min-k 2] [--max-k 12]
                                      [--sample 3000] [--min-points 10] [--seed 1]   (k-means by silhouette and DBSCAN; --truth: ARI)
               contentgrains kpis --data FILE --format recbole|mind|jsonl --out F [--truth bots.tsv] [--top 50] [--confidence 0.95]
                                  (KPIs with intervals and retention, non-human traffic flagged and left out)
               contentgrains topics --data news.tsv --format mind --out F [--method embedding|lda|both] [--min-topics 5] [--max-topics 40]
                                    [--lda-step 5] [--restarts 8] [--seed 42] [--vectors-cache FILE] [--center] [--word-weight W]   (NMI against the categories)
               contentgrains models        (the registered model names, comma-separated)
        """);
    Console.Error.WriteLine(ContentGrains.Cli.Experiments.ExperimentCommand.Usage);
    Console.Error.WriteLine(ContentGrains.Cli.Bandits.BanditCommand.Usage);
    Console.Error.WriteLine(UserCommand.Usage);
    Console.Error.WriteLine(ContentGrains.Cli.Reports.ReportCommand.Usage);
    return 2;
}
