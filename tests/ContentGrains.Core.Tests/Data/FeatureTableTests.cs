using ContentGrains.Core.Data;

namespace ContentGrains.Core.Tests.Data;

public class FeatureTableTests
{
    // Item 9 is not in the id map and item 4 is not in the file.
    private const string ItemFile =
        "item_id:token\tmovie_title:token_seq\trelease_year:token\tclass:token_seq\n" +
        "1\tToy Story\t1995\tAnimation Comedy\n" +
        "2\tStory of Us\t1999\tComedy Romance\n" +
        "3\tHeat\t1995\tAction\n" +
        "9\tStory\t1980\tDrama\n";

    private const string UserFile =
        "user_id:token\tage:token\tgender:token\toccupation:token\tzip_code:token\n" +
        "u1\t24\tM\ttechnician\t85711\n" +
        "u2\t53\tF\tother\t94043\n" +
        "u3\t17\tM\tstudent\tK1A0B\n";

    private static AtomicFile Parse(string text) => AtomicFile.Parse(new StringReader(text));

    private static IdMap Ids(params string[] ids)
    {
        var map = new IdMap();
        foreach (var id in ids)
            map.GetOrAdd(id);
        return map;
    }

    private static Dictionary<string, float> VectorOf(FeatureTable table, int entity)
    {
        var features = table.FeaturesOf(entity).ToArray();
        var weights = table.WeightsOf(entity).ToArray();
        return features.Zip(weights).ToDictionary(pair => table.FeatureNames[pair.First], pair => pair.Second);
    }

    [Fact]
    public void Infers_words_for_titles_tags_for_genres_and_decades_for_years()
    {
        var table = FeatureTable.Build(Parse(ItemFile), Ids("1", "2", "3", "4"));

        Assert.Equal(
            [new FeatureField("movie_title", FeatureEncoding.Words), new FeatureField("class", FeatureEncoding.Tags)],
            table.Fields.Where(field => field.Name != "release_year"));
        var year = table.Fields.Single(field => field.Name == "release_year");
        Assert.Equal(FeatureEncoding.Buckets, year.Encoding);
        Assert.Equal([1990.0], year.BucketEdges!); // the file's years run 1980..1999: decades split at 1990
    }

    [Fact]
    public void Weighs_by_smoothed_idf_over_the_mapped_entities_and_normalises()
    {
        var table = FeatureTable.Build(Parse(ItemFile), Ids("1", "2", "3", "4"));

        // Three mapped items have rows (item 9 is ignored). With at least two items per feature, only these remain:
        // "story" (items 1, 2), Comedy (1, 2) and the 1990s (1, 2, 3). IDF = ln((1 + 3) / (1 + df)) + 1.
        Assert.Equal(["class=Comedy", "movie_title=story", "release_year=[1990,inf)"], table.FeatureNames);
        var idf2 = Math.Log(4.0 / 3) + 1;
        Assert.Equal(idf2, table.InverseDocumentFrequency(0), 12);
        Assert.Equal(1.0, table.InverseDocumentFrequency(2), 12);

        // Item 1: (idf2, idf2, 1) / |(idf2, idf2, 1)|.
        var norm = Math.Sqrt(2 * idf2 * idf2 + 1);
        var item1 = VectorOf(table, 0);
        Assert.Equal(idf2 / norm, item1["class=Comedy"], 6);
        Assert.Equal(idf2 / norm, item1["movie_title=story"], 6);
        Assert.Equal(1 / norm, item1["release_year=[1990,inf)"], 6);
        Assert.Equal(0.6198, item1["class=Comedy"], 4);

        Assert.Equal(new Dictionary<string, float> { ["release_year=[1990,inf)"] = 1f }, VectorOf(table, 2));
        Assert.Empty(VectorOf(table, 3)); // item 4 has no row
    }

    [Fact]
    public void Keeps_features_of_one_entity_when_asked_and_ignores_unmapped_rows()
    {
        var table = FeatureTable.Build(Parse(ItemFile), Ids("1", "2", "3"), new FeatureTableOptions(MinDocumentFrequency: 1));

        Assert.Contains("movie_title=toy", table.FeatureNames);
        Assert.Contains("class=Animation", table.FeatureNames);
        Assert.DoesNotContain("class=Drama", table.FeatureNames); // only item 9 has it, and 9 is not mapped
        Assert.DoesNotContain("release_year=[-inf,1990)", table.FeatureNames);
        Assert.Equal(3, table.EntityCount);
    }

    [Fact]
    public void Skipping_text_leaves_out_the_title_words()
    {
        var table = FeatureTable.Build(Parse(ItemFile), Ids("1", "2", "3"), new FeatureTableOptions(SkipText: true));

        Assert.Equal(["release_year", "class"], table.Fields.Select(field => field.Name));
        Assert.Equal(["class=Comedy", "release_year=[1990,inf)"], table.FeatureNames);
    }

    [Fact]
    public void User_file_gives_age_groups_and_categories_without_zip_codes()
    {
        var table = FeatureTable.Build(Parse(UserFile), Ids("u1", "u2", "u3"), new FeatureTableOptions(MinDocumentFrequency: 1));

        Assert.Equal(["age", "gender", "occupation"], table.Fields.Select(field => field.Name));
        Assert.Equal(
            ["age=[-inf,18)", "age=[18,25)", "age=[50,56)", "gender=F", "gender=M", "occupation=other", "occupation=student", "occupation=technician"],
            table.FeatureNames);
        Assert.Equal(["age=[18,25)", "gender=M", "occupation=technician"], VectorOf(table, 0).Keys);
    }

    [Fact]
    public void Caller_chooses_fields_and_their_encoding()
    {
        var fields = new[] { new FeatureField("age", FeatureEncoding.Category), new FeatureField("zip_code", FeatureEncoding.Category) };

        var table = FeatureTable.Build(Parse(UserFile), Ids("u1", "u2", "u3"), new FeatureTableOptions(Fields: fields, MinDocumentFrequency: 1));

        Assert.Equal(["age=17", "age=24", "age=53", "zip_code=85711", "zip_code=94043", "zip_code=K1A0B"], table.FeatureNames);
        Assert.Throws<FormatException>(() => FeatureTable.Build(Parse(UserFile), Ids("u1"),
            new FeatureTableOptions(Fields: [new FeatureField("income", FeatureEncoding.Category)])));
    }

    [Fact]
    public void Encodes_a_new_entity_with_the_tables_vocabulary()
    {
        var table = FeatureTable.Build(Parse(ItemFile), Ids("1", "2", "3"));

        // "the" and Western are unknown to the table; story and Comedy share idf, so each gets 1/√2.
        var vector = table.Encode(new Dictionary<string, string> { ["movie_title"] = "The Story", ["class"] = "Comedy Western" });

        Assert.Equal([0, 1], vector.Features);
        Assert.Equal(1 / Math.Sqrt(2), vector.Weights[0], 6);
        Assert.Equal(1 / Math.Sqrt(2), vector.Weights[1], 6);
    }

    [Fact]
    public void Words_are_lower_cased_runs_of_letters_and_digits_counted_per_entity()
    {
        var file = Parse("item_id:token\ttitle:token_seq\n1\tAristocats, The\n2\tThe The: Story\n");

        var table = FeatureTable.Build(file, Ids("1", "2"), new FeatureTableOptions(MinDocumentFrequency: 1));

        Assert.Equal(["title=aristocats", "title=story", "title=the"], table.FeatureNames);
        // Item 2: "the" twice, "story" once; df(the) = 2, df(story) = 1.
        var idfThe = 1.0;
        var idfStory = Math.Log(3.0 / 2) + 1;
        var norm = Math.Sqrt(Math.Pow(2 * idfThe, 2) + idfStory * idfStory);
        var item2 = VectorOf(table, 1);
        Assert.Equal(2 * idfThe / norm, item2["title=the"], 6);
        Assert.Equal(idfStory / norm, item2["title=story"], 6);
    }

    [Fact]
    public void Numeric_fields_with_many_values_become_quintiles()
    {
        var rows = string.Concat(Enumerable.Range(1, 20).Select(i => $"{i}\t{i * 10}\n"));
        var file = Parse("item_id:token\tprice:float\n" + rows);

        var field = FeatureField.Infer(file, 1);

        Assert.Equal(FeatureEncoding.Buckets, field.Encoding);
        Assert.Equal([50.0, 90, 130, 170], field.BucketEdges!); // sorted[4], [8], [12], [16]
        Assert.Equal(["price=[90,130)"], field.FeaturesOf("100"));
    }
}
