using ContentGrains.Cli.Simulation;

namespace ContentGrains.Cli;

/// <summary>
/// `contentgrains user delete|export --url URL --id ID [--api-key KEY] [--out F]` against a running engine (HTTP, an
/// admin key): delete erases the person and prints what went; export streams everything held about them to --out (or
/// standard output) as the engine sends it, so a long history is never held in memory. Exit codes: 0 done, 2 usage
/// error or the engine refused the input, 3 the engine could not be reached or answered an error.
/// </summary>
public static class UserCommand
{
    public const string Usage = """
        usage: contentgrains user delete --url URL --id USER [--api-key KEY]   (erases the person; the deletion is audited)
               contentgrains user export --url URL --id USER [--api-key KEY] [--out FILE]   (everything held about them, as JSON)
        """;

    private static readonly string[] Options = ["url", "id", "api-key", "out"];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, HttpMessageHandler? handler = null)
    {
        if (args is not [("delete" or "export") and var verb, ..]) return Fail(errors, "user: the subcommands are delete and export");
        var (options, error) = OptionValues.Parse(args.Skip(1).ToList(), Options, []);
        if (options is null) return Fail(errors, $"user {verb}: {error}");
        if (options.Text("url") is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var engine))
            return Fail(errors, $"user {verb}: --url must be the engine's absolute URL, e.g. http://localhost:8080");
        if (options.Text("id") is not { Length: > 0 } id) return Fail(errors, $"user {verb}: --id is required (the person's user id)");
        if (verb == "delete" && options.Text("out") is not null) return Fail(errors, "user delete: --out is for export only");

        using var http = new HttpClient(handler ?? new SocketsHttpHandler()) { BaseAddress = engine, Timeout = Timeout.InfiniteTimeSpan };
        if (options.Text("api-key") is { } key) http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var path = $"/v1/users/{Uri.EscapeDataString(id)}";
        try
        {
            using var response = verb == "delete"
                ? await http.DeleteAsync(path)
                : await http.GetAsync(path + "/export", HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
            {
                errors.WriteLine($"user {verb}: the engine answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                return (int)response.StatusCode is 400 or 401 or 403 ? 2 : 3;
            }
            await CopyAsync(response, options.Text("out"), output);
            if (options.Text("out") is { } file) errors.WriteLine($"user export: wrote {new FileInfo(file).Length:N0} bytes to {file}");
            return 0;
        }
        catch (HttpRequestException failure)
        {
            errors.WriteLine($"user {verb}: cannot reach the engine at {engine}: {failure.Message}");
            return 3;
        }
    }

    private static async Task CopyAsync(HttpResponseMessage response, string? file, TextWriter output)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        if (file is not null)
        {
            await using var target = File.Create(file);
            await body.CopyToAsync(target);
            return;
        }
        using var reader = new StreamReader(body);
        var buffer = new char[16 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0) await output.WriteAsync(buffer.AsMemory(0, read));
        await output.WriteLineAsync();
    }

    private static int Fail(TextWriter errors, string message)
    {
        errors.WriteLine(message);
        errors.WriteLine(Usage);
        return 2;
    }
}
