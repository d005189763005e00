using ContentGrains.Core.Data;

namespace ContentGrains.Core.Tests.Data;

public class AtomicFileTests
{
    private static AtomicFile Parse(string text) => AtomicFile.Parse(new StringReader(text));

    [Fact]
    public void Reads_typed_header_and_rows()
    {
        var file = Parse("user_id:token\titem_id:token\trating:float\ttimestamp:float\n7\t616\t4\t891351002\n196\t242\t3.5\t881250949\n");

        Assert.Equal(
            [new AtomicField("user_id", AtomicFieldType.Token), new AtomicField("item_id", AtomicFieldType.Token),
             new AtomicField("rating", AtomicFieldType.Float), new AtomicField("timestamp", AtomicFieldType.Float)],
            file.Fields);
        Assert.Equal(2, file.RowCount);
        Assert.Equal("196", file.Token(1, file.ColumnOf("user_id")));
        Assert.Equal(3.5, file.Float(1, file.ColumnOf("rating")));
        Assert.Equal(891351002.0, file.Float(0, 3));
    }

    [Fact]
    public void Reads_sequences_and_skips_blank_lines_and_carriage_returns()
    {
        var file = Parse("item_id:token\tclass:token_seq\temb:float_seq\r\n1\tAction Comedy\t0.5 -1 2e-1\r\n\r\n2\t\t\r\n");

        Assert.Equal(2, file.RowCount);
        var classes = file.RequireColumn("class", AtomicFieldType.TokenSequence);
        var embedding = file.RequireColumn("emb", AtomicFieldType.FloatSequence);
        Assert.Equal(["Action", "Comedy"], file.TokenSequence(0, classes));
        Assert.Equal([0.5, -1.0, 0.2], file.FloatSequence(0, embedding));
        Assert.Empty(file.TokenSequence(1, classes));
        Assert.Empty(file.FloatSequence(1, embedding));
    }

    [Fact]
    public void Field_names_may_contain_colons_before_the_type()
    {
        Assert.Equal(new AtomicField("a:b", AtomicFieldType.Token), AtomicField.Parse("a:b:token"));
    }

    [Theory]
    [InlineData("user_id:int\n1\n")]
    [InlineData("user_id\n1\n")]
    [InlineData("user_id:\n1\n")]
    [InlineData("")]
    [InlineData("a:token\ta:float\n1\t2\n")]
    public void Rejects_bad_headers(string text)
    {
        Assert.Throws<FormatException>(() => Parse(text));
    }

    [Fact]
    public void Rejects_rows_with_the_wrong_number_of_cells()
    {
        var error = Assert.Throws<FormatException>(() => Parse("a:token\tb:token\n1\t2\n3\n"));
        Assert.Contains("Line 3", error.Message);
    }

    [Fact]
    public void Missing_or_mistyped_columns_are_reported()
    {
        var file = Parse("user_id:token\trating:float\n1\t2\n");

        Assert.Equal(-1, file.ColumnOf("item_id"));
        Assert.Throws<FormatException>(() => file.RequireColumn("item_id", AtomicFieldType.Token));
        Assert.Throws<FormatException>(() => file.RequireColumn("rating", AtomicFieldType.Token));
    }
}
