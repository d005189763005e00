namespace ContentGrains.Core.Click.Mind;

/// <summary>A MIND file that cannot be read, naming the file, the line (from 1) and the field at fault.</summary>
public sealed class MindFormatException(string file, int line, string field, string reason)
    : FormatException($"{file}:{line}: {field}: {reason}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Field { get; } = field;
}
