using System.Text.Json;

namespace ContentGrains.Core.Reports;

/// <summary>A report as it is stored and served: JSON with web names (camelCase). The HTML page is rendered from the same bytes.</summary>
public static class ContentReportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static byte[] ToBytes(ContentReport report) => JsonSerializer.SerializeToUtf8Bytes(report, Options);

    public static ContentReport FromBytes(byte[] bytes) =>
        JsonSerializer.Deserialize<ContentReport>(bytes, Options) ?? throw new InvalidOperationException("the stored report is empty");
}
