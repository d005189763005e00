using ContentGrains.Silo.Api;
using ContentGrains.Silo.Hosting;
using ContentGrains.Silo.Security;
using ContentGrains.Storage;

if (args is ["-h" or "help", ..] || args.Contains("--help"))
{
    Console.WriteLine(HostConfiguration.Usage);
    return 0;
}

// `ContentGrains.Silo schema apply [--profile postgres] [--postgres CONNECTION]` creates the tables and exits.
if (args is ["schema", "apply", ..])
{
    var configuration = new ConfigurationManager();
    HostConfiguration.Apply(configuration, args[2..]);
    var options = HostConfiguration.Options(configuration);
    if (options.IsPostgres) SchemaInstaller.ApplyPostgres(options.PostgresConnection!);
    else SchemaInstaller.ApplySqlite(options.SqliteConnectionString);
    Console.WriteLine($"schema applied ({options.Storage})");
    return 0;
}

// The content root is the program's folder, not the working directory: the data folder lives under the working
// directory, and the host's file watcher would otherwise wake up on every database write.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
HostConfiguration.Apply(builder.Configuration, args);
var hostOptions = HostConfiguration.Options(builder.Configuration);
ApiKeyRing apiKeys;
try { apiKeys = ApiKeyRing.Load(builder.Configuration); }
catch (InvalidOperationException error)
{
    Console.Error.WriteLine($"cannot start: {error.Message}");
    return 1;
}
var httpBinds = HttpBinds.Of(builder.Configuration);
if ((OpenBindPolicy.Refusal(httpBinds, apiKeys, hostOptions.AllowOpenApi) ?? PortPreflight.FirstTaken(httpBinds, hostOptions) ?? StartupFailure.CheckDatabase(hostOptions)) is { } refusal)
{
    Console.Error.WriteLine(refusal);
    return 1;
}
// Every log line carries its UTC time; one line per entry keeps the log greppable.
builder.Logging.AddSimpleConsole(o => (o.TimestampFormat, o.UseUtcTimestamp, o.SingleLine) = ("yyyy-MM-ddTHH:mm:ss.fffZ ", true, true));
RepeatedFailureLoggerProvider.Replace(builder.Logging); // an outage writes each failure's trace once, then a line per interval
builder.Services.Configure<ContentGrainsHostOptions>(builder.Configuration.GetSection(ContentGrainsHostOptions.Section));
builder.Services.ConfigureHttpJsonOptions(o =>
    o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
builder.Services.AddSingleton(apiKeys);
builder.Services.AddOperations();
builder.UseOrleans(silo => SiloSetup.Configure(silo, hostOptions, builder.Configuration));

var app = builder.Build();
app.MapOperations();
app.MapEvents();
app.MapItems();
app.MapUsers();
app.MapPrivacy();
app.MapDiscovery();
app.MapRules();
app.MapSegments();
app.MapTopics();
app.MapCtrModel();
app.MapVariants();
app.MapModels();
app.MapExperiments();
app.MapKpis();
app.MapChannels();
app.MapSentiment();
app.MapReports();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Log(app, hostOptions, apiKeys));
try
{
    app.Run();
    return 0;
}
catch (Exception error) when (StartupFailure.Explain(error) is { } line)
{
    Console.Error.WriteLine(line);
    return 1;
}

/// <summary>Visible to the HTTP tests.</summary>
public partial class Program;
