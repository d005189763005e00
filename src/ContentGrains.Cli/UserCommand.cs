using System.CommandLine;
using ContentGrains.Cli.CommandLine;

namespace ContentGrains.Cli;

/// <summary>
/// `contentgrains user delete|export --url URL --id ID [--api-key KEY] [--out F]` against a running engine (HTTP, an
/// admin key): delete erases the person and prints what went; export streams everything held about them to --out (or
/// standard output) as the engine sends it, so a long history is never held in memory. Exit codes: 0 done, 2 usage
/// error or the engine refused the input, 3 the engine could not be reached or answered an error.
/// </summary>
public static class UserCommand
{
    public static Command Create(CliIo io, HttpMessageHandler? handler = null) => CommandTree.Group("user",
        "A person's data on a running engine (an admin key). Exit codes: 0 done, 2 usage error or input refused, 3 engine unreachable or failing.",
    [
        Verb("delete", "Erases the person and prints what went; the deletion is audited.", io, handler),
        Verb("export", "Everything held about the person, as JSON, streamed to --out (or standard output).", io, handler,
            CommandTree.Value("out", "FILE", "Write the export here instead of standard output.")),
    ], io);

    /// <summary>Runs `user` with the words after its name.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, HttpMessageHandler? handler = null) =>
        CommandTree.RunAsync(Create(new CliIo(output, errors), handler), args, new CliIo(output, errors));

    private static Command Verb(string verb, string description, CliIo io, HttpMessageHandler? handler, params Option[] extra) =>
        CommandTree.Leaf(verb, description,
        [
            CommandTree.Value("url", "URL", "The engine, like http://127.0.0.1:5080. Required."),
            CommandTree.Value("id", "USER", "The person's user id. Required."),
            CommandTree.Value("api-key", "KEY", "The engine's API key (admin scope)."),
            .. extra,
        ], (values, _) => RunAsync(verb, values, io.Output, io.Errors, handler));

    private static async Task<int> RunAsync(string verb, OptionValues options, TextWriter output, TextWriter errors, HttpMessageHandler? handler)
    {
        if (options.Text("url") is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var engine))
            return Fail(options, errors, $"user {verb}: --url must be the engine's absolute URL, e.g. http://localhost:8080");
        if (options.Text("id") is not { Length: > 0 } id) return Fail(options, errors, $"user {verb}: --id is required (the person's user id)");

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

    private static int Fail(OptionValues options, TextWriter errors, string message)
    {
        errors.WriteLine(message);
        options.WriteUsage(errors);
        return 2;
    }
}
