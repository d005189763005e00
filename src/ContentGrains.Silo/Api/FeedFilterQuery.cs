using ContentGrains.Abstractions;
using ContentGrains.Core.Candidates;

namespace ContentGrains.Silo.Api;

/// <summary>The <c>?tags=&amp;excludeTags=&amp;formats=</c> of the feed and trending routes: checked once, as a <see cref="FeedFilter"/> for the grains.</summary>
public static class FeedFilterQuery
{
    /// <summary>The filter (null when none is given), or a 400 naming the field and the reason.</summary>
    public static (FeedFilter? Filter, IResult? Problem) Parse(string? tags, string? excludeTags, string? formats)
    {
        var (parsed, problem) = ItemFilter.Parse(tags, excludeTags, formats);
        if (problem is not null) return (null, Problems.BadRequest(problem.Field, problem.Reason));
        return (parsed is null ? null : new FeedFilter(parsed.Tags, parsed.ExcludeTags, parsed.Formats), null);
    }
}
