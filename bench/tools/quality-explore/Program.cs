// dotnet run -c Release --project bench/tools/quality-explore -- topics|graph|eac|gmm|arctic|arctic-query [out.json]|arctic-neighbours|entities [out.json] [seeds]|behaviour [out.json] [seeds]|behaviour-pairs|sentiment
using ContentGrains.Core.Click.Mind;
using ContentGrains.Core.Text;

const string News = "../shared/data/mind-news-sample/news.tsv";
var cache = Environment.GetEnvironmentVariable("TOPICS_VECTORS") ?? "/tmp/contentgrains-topics-minilm.bin";
switch (args.FirstOrDefault())
{
    case "topics": TopicsExp.Run(News, cache); break;
    case "graph": GraphExp.Run(Vectors(out var cats), cats); break;
    case "eac": EacExp.Run(Vectors(out var categories), categories); break;
    case "sentiment": SentExp.Run(); break;
    case "topics2": Topics2Exp.Run(Vectors(out var t2), t2, News); break;
    case "sent3": Sent3Exp.Run(); break;
    case "sent2": Sent2Exp.Run(args.ElementAtOrDefault(1) ?? "rff"); break;
    case "behaviour": BehaviourExp.Run(Vectors(out var bc), bc, News, "../shared/data/mind-news-sample/behaviors.tsv", args.ElementAtOrDefault(1), int.Parse(args.ElementAtOrDefault(2) ?? "3")); break;
    case "behaviour-pairs": BehaviourPairsExp.Run(Vectors(out var pc), pc, News, "../shared/data/mind-news-sample/behaviors.tsv"); break;
    case "arctic": ArcticExp.Run(News, cache, Environment.GetEnvironmentVariable("TOPICS_ARCTIC_VECTORS") ?? "/tmp/contentgrains-topics-arctic.bin", args.ElementAtOrDefault(1)); break;
    case "arctic-query": ArcticExp.Run(News, cache, Environment.GetEnvironmentVariable("TOPICS_ARCTIC_QUERY_VECTORS") ?? "/tmp/contentgrains-topics-arctic-query.bin", args.ElementAtOrDefault(1), queryPrefixed: true); break;
    case "arctic-neighbours": ArcticExp.Neighbours(News, cache, "/tmp/contentgrains-topics-arctic.bin", "/tmp/contentgrains-topics-arctic-query.bin"); break;
    case "entities": EntitiesExp.Run(News, cache, Environment.GetEnvironmentVariable("TOPICS_ENTITY_TEXT_VECTORS") ?? "/tmp/contentgrains-topics-minilm-entity-labels.bin",
        Environment.GetEnvironmentVariable("TOPICS_ENTITY_LABEL_VECTORS") ?? "/tmp/contentgrains-topics-entity-labels.bin", args.ElementAtOrDefault(1), int.Parse(args.ElementAtOrDefault(2) ?? "3")); break;
    case "gmm": GmmExp.Run(Vectors(out var gmmCategories), gmmCategories); break;
    default: Console.Error.WriteLine("usage: topics | graph | eac | gmm | arctic | entities | sentiment"); return 2;
}
return 0;

float[][] Vectors(out List<string> categories)
{
    var articles = MindReader.ReadNews(News);
    var vectors = TopicsExp.Cache(cache);
    categories = articles.Select(a => a.Category).ToList();
    return articles.Select(a => vectors[ItemText.Hash(ItemText.For(a.Title, a.Abstract) ?? a.Id)]).ToArray();
}
