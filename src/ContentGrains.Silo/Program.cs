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

var builder = WebApplication.CreateBuilder(args);
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
app.Run();

/// <summary>Visible to the HTTP tests.</summary>
public partial class Program;
