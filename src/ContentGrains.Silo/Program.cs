using ContentGrains.Silo.Api;
using ContentGrains.Silo.Hosting;
using ContentGrains.Storage;

// `ContentGrains.Silo schema apply [--profile postgres] [--postgres CONNECTION]` creates the tables and exits.
if (args is ["schema", "apply", ..])
{
    var configuration = new ConfigurationManager();
    HostConfiguration.Apply(configuration, args[2..]);
    var options = HostConfiguration.Options(configuration);
    if (options.IsPostgres) SchemaInstaller.ApplyPostgres(options.PostgresConnection!);
    else SchemaInstaller.ApplySqlite(options.SqliteConnectionString);
    Console.WriteLine($"schema applied ({options.Storage})");
    return;
}

// The content root is the program's folder, not the working directory: the data folder lives under the working
// directory, and the host's file watcher would otherwise wake up on every database write.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
HostConfiguration.Apply(builder.Configuration, args);
var hostOptions = HostConfiguration.Options(builder.Configuration);
builder.Services.Configure<ContentGrainsHostOptions>(builder.Configuration.GetSection(ContentGrainsHostOptions.Section));
builder.Services.ConfigureHttpJsonOptions(o =>
    o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
builder.Services.AddOperations();
builder.UseOrleans(silo => SiloSetup.Configure(silo, hostOptions, builder.Configuration));

var app = builder.Build();
app.MapOperations();
app.MapEvents();
app.MapItems();
app.MapUsers();
app.MapDiscovery();
app.MapRules();
app.MapModels();
app.MapExperiments();
app.MapKpis();
app.Run();

/// <summary>Visible to the HTTP tests.</summary>
public partial class Program;
