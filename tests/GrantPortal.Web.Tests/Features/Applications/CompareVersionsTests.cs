using GrantPortal.Web.Domain;
using GrantPortal.Web.Features.Applications;

namespace GrantPortal.Web.Tests.Features.Applications;

public sealed class CompareVersionsTests
{
    private static ApplicationField Field(string key, string value) => new(ApplicationSection.Stages, key, key, value);

    [Fact]
    public void Changes_ShowARemovedStage_WhereItWas_BeforeTheTotals()
    {
        ApplicationField[] before = [Field("Stages[0].Kind", "A"), Field("Stages[1].Kind", "B"), Field("Stages[1].End", "01.01.2028"), Field("RequestedGrant", "2")];
        ApplicationField[] after = [Field("Stages[0].Kind", "A"), Field("RequestedGrant", "1")];

        var changes = CompareVersions.Changes(before, after);

        Assert.Equal(
            [("Stages[1].Kind", "B", "", ChangeKind.Removed), ("Stages[1].End", "01.01.2028", "", ChangeKind.Removed), ("RequestedGrant", "2", "1", ChangeKind.Changed)],
            changes.Select(c => (c.Label, c.Before, c.After, c.Kind)));
    }

    [Fact]
    public void Changes_CallAValueGivenForTheFirstTime_Added()
    {
        var changes = CompareVersions.Changes([Field("Team", "")], [Field("Team", "Иванов")]);

        Assert.Equal(ChangeKind.Added, Assert.Single(changes).Kind);
    }

    [Fact]
    public void WordDiff_MarksWhatWasTakenOutAndPutIn_WordByWord()
    {
        var (before, after) = WordDiff.Between("Испытания на стенде завода в Перми.", "Испытания на новом стенде в Казани.");

        Assert.Equal(
            [new("Испытания на стенде ", false), new("завода ", true), new("в ", false), new("Перми", true), new(".", false)],
            before);
        Assert.Equal(
            [new("Испытания на ", false), new("новом ", true), new("стенде в ", false), new("Казани", true), new(".", false)],
            after);
    }

    [Fact]
    public void WordDiff_KeepsAChangedPhrase_InOnePiece()
    {
        var (before, _) = WordDiff.Between("Срок шесть месяцев с даты договора", "Срок девять недель с даты договора");

        Assert.Equal([new("Срок ", false), new("шесть месяцев ", true), new("с даты договора", false)], before);
    }

    [Fact]
    public void WordDiff_MarksEverything_WhenOneSideIsEmpty()
    {
        var (before, after) = WordDiff.Between("", "Новый текст");

        Assert.Empty(before);
        Assert.Equal([new TextPart("Новый текст", true)], after);
    }
}
