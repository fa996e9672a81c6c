using System.Globalization;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.SummaryTables;

namespace ZhiPingQuan.Domain.Tests.SummaryTables;

public class SummaryTableTests
{
    private static readonly DateOnly Deadline = new(2023, 11, 15);
    private static readonly DateTime Before = new(2023, 11, 10, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime LastSecond = new(2023, 11, 15, 15, 59, 59, DateTimeKind.Utc);
    private static readonly DateTime TooLate = new(2023, 11, 15, 16, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Unit = Guid.Parse("0190a000-0000-7000-8000-000000000001");
    private static readonly Guid Batch = Guid.Parse("0190a000-0000-7000-8000-000000000002");
    private static readonly Guid DistrictOrg = Guid.Parse("0190a000-0000-7000-8000-000000000003");
    private static readonly Guid ThirdPartyOrg = Guid.Parse("0190a000-0000-7000-8000-000000000004");

    private static readonly SummaryTableRowData RowA = new(
        Guid.Parse("0190a000-0000-7000-8000-00000000000a"), Guid.Parse("0190a000-0000-7000-8000-0000000000aa"),
        "上海甲智能制造有限公司", "91310110666007217T", KeyIndustry.Automotive, new MaturityScore(2.85m), "基础级", "张三 13800000000");

    private static readonly SummaryTableRowData RowB = new(
        Guid.Parse("0190a000-0000-7000-8000-00000000000b"), Guid.Parse("0190a000-0000-7000-8000-0000000000bb"),
        "上海乙新材料股份有限公司", "91310115591693856A", KeyIndustry.AdvancedMaterials, new MaturityScore(3.10m), "先进级", "李四 021-12345678");

    private static readonly SummaryTableRowData RowC = RowA with
    {
        EnterpriseId = Guid.Parse("0190a000-0000-7000-8000-00000000000c"),
        EnterpriseName = "上海丙电子有限公司",
        CreditCode = "91310104MA1FL1234" + CreditCode.CheckCharacter("91310104MA1FL1234"),
    };

    private static SummaryTable Draft(params SummaryTableRowData[] rows)
    {
        var t = new SummaryTable(Unit, Batch, Before);
        t.ReplaceRows(rows.Length == 0 ? [RowA, RowB] : rows, Before);
        return t;
    }

    private static SummaryTable DistrictSealed()
    {
        var t = Draft();
        t.SealByDistrict("王五", DistrictOrg, "浦东新区科经委", Before, Deadline);
        return t;
    }

    private static SummaryTable ThirdPartySealed()
    {
        var t = DistrictSealed();
        t.SealByThirdParty("赵六", ThirdPartyOrg, "第三方质量监督机构", Before);
        return t;
    }

    private static SummaryTable Submitted()
    {
        var t = ThirdPartySealed();
        t.Submit("王五", Before, Deadline);
        return t;
    }

    // ---- creation and rows ----

    [Fact]
    public void New_table_is_the_current_draft_revision_1()
    {
        var t = new SummaryTable(Unit, Batch, Before);

        Assert.Equal(SummaryTableState.Draft, t.State);
        Assert.Equal(1, t.Revision);
        Assert.True(t.IsCurrent);
        Assert.Null(t.PreviousRevisionId);
        Assert.Null(t.VerificationCode);
    }

    [Fact]
    public void Table_without_unit_or_batch_is_refused()
    {
        Assert.Throws<DomainException>(() => new SummaryTable(Guid.Empty, Batch, Before));
        Assert.Throws<DomainException>(() => new SummaryTable(Unit, Guid.Empty, Before));
    }

    [Fact]
    public void Rows_are_numbered_in_the_given_order()
    {
        var t = Draft(RowB, RowA);

        Assert.Equal([1, 2], t.Rows.Select(r => r.SequenceNo));
        Assert.Equal(RowB.EnterpriseId, t.Rows[0].EnterpriseId);
        Assert.Equal(RowA.EnterpriseId, t.Rows[1].EnterpriseId);
    }

    [Fact]
    public void The_same_enterprise_twice_is_refused_and_the_rows_stay_as_they_were()
    {
        var t = Draft(RowA);

        var e = Assert.Throws<DomainException>(() => t.ReplaceRows([RowB, RowB], Before));

        Assert.Contains("重复", e.Message);
        Assert.Equal(RowA.EnterpriseId, Assert.Single(t.Rows).EnterpriseId);
    }

    [Fact]
    public void The_same_credit_code_twice_is_refused()
    {
        var t = Draft(RowA);

        Assert.Throws<DomainException>(() => t.AddRow(RowB with { CreditCode = RowA.CreditCode }, Before));
        Assert.Single(t.Rows);
    }

    [Fact]
    public void A_row_without_contact_is_refused()
    {
        var t = new SummaryTable(Unit, Batch, Before);

        var e = Assert.Throws<DomainException>(() => t.AddRow(RowA with { Contact = "  " }, Before));

        Assert.Contains("联系方式", e.Message);
        Assert.Empty(t.Rows);
    }

    [Fact]
    public void Removing_a_row_renumbers_the_rest()
    {
        var t = Draft(RowA, RowB);

        t.RemoveRow(RowA.EnterpriseId, Before);

        var row = Assert.Single(t.Rows);
        Assert.Equal(RowB.EnterpriseId, row.EnterpriseId);
        Assert.Equal(1, row.SequenceNo);
    }

    // ---- seal order ----

    [Fact]
    public void District_seal_moves_draft_to_district_sealed_and_records_who_and_the_hash()
    {
        var t = Draft();

        t.SealByDistrict("王五", DistrictOrg, "浦东新区科经委", Before, Deadline);

        Assert.Equal(SummaryTableState.DistrictSealed, t.State);
        var seal = Assert.Single(t.Seals);
        Assert.Equal(SealParty.District, seal.Party);
        Assert.Equal("王五", seal.SealedBy);
        Assert.Equal(DistrictOrg, seal.OrganisationId);
        Assert.Equal(Before, seal.AtUtc);
        Assert.Equal(t.ComputeContentHash(), seal.ContentHash);
        Assert.False(seal.IsVoided);
    }

    [Fact]
    public void An_empty_table_cannot_be_sealed()
    {
        var t = new SummaryTable(Unit, Batch, Before);

        Assert.Throws<DomainException>(() => t.SealByDistrict("王五", DistrictOrg, "浦东新区科经委", Before, Deadline));
        Assert.Equal(SummaryTableState.Draft, t.State);
    }

    [Fact]
    public void Third_party_cannot_seal_before_the_district()
    {
        var t = Draft();

        var e = Assert.Throws<InvalidTransitionException>(() => t.SealByThirdParty("赵六", ThirdPartyOrg, "第三方", Before));

        Assert.Equal("草稿", e.From);
        Assert.Empty(t.Seals);
    }

    [Fact]
    public void District_cannot_seal_twice()
    {
        var t = DistrictSealed();

        Assert.Throws<InvalidTransitionException>(() => t.SealByDistrict("王五", DistrictOrg, "浦东新区科经委", Before, Deadline));
        Assert.Single(t.Seals);
    }

    [Fact]
    public void Third_party_seal_moves_district_sealed_to_third_party_sealed()
    {
        var t = ThirdPartySealed();

        Assert.Equal(SummaryTableState.ThirdPartySealed, t.State);
        Assert.NotNull(t.DistrictSeal);
        Assert.Equal("赵六", t.ThirdPartySeal!.SealedBy);
        Assert.Equal(t.DistrictSeal!.ContentHash, t.ThirdPartySeal.ContentHash);
    }

    [Fact]
    public void Third_party_cannot_seal_twice()
    {
        var t = ThirdPartySealed();

        Assert.Throws<InvalidTransitionException>(() => t.SealByThirdParty("赵六", ThirdPartyOrg, "第三方", Before));
    }

    [Fact]
    public void District_seal_on_the_deadline_day_is_allowed()
    {
        var t = Draft();

        t.SealByDistrict("王五", DistrictOrg, "浦东新区科经委", LastSecond, Deadline);

        Assert.Equal(SummaryTableState.DistrictSealed, t.State);
    }

    [Fact]
    public void District_seal_after_the_deadline_is_refused()
    {
        var t = Draft();

        var e = Assert.Throws<DomainException>(() => t.SealByDistrict("王五", DistrictOrg, "浦东新区科经委", TooLate, Deadline));

        Assert.Contains("2023年11月15日", e.Message);
        Assert.Equal(SummaryTableState.Draft, t.State);
    }

    // ---- change after seal ----

    [Fact]
    public void A_change_after_the_district_seal_voids_it_and_returns_to_draft()
    {
        var t = DistrictSealed();
        var later = Before.AddHours(1);

        t.AddRow(RowC, later);

        Assert.Equal(SummaryTableState.Draft, t.State);
        var seal = Assert.Single(t.Seals);
        Assert.True(seal.IsVoided);
        Assert.Equal(later, seal.VoidedAtUtc);
        Assert.Null(t.DistrictSeal);
    }

    [Fact]
    public void A_change_after_the_third_party_seal_voids_both_seals()
    {
        var t = ThirdPartySealed();

        t.RemoveRow(RowB.EnterpriseId, Before);

        Assert.Equal(SummaryTableState.Draft, t.State);
        Assert.Equal(2, t.Seals.Count);
        Assert.All(t.Seals, s => Assert.True(s.IsVoided));
        Assert.Empty(t.ActiveSeals);
    }

    [Fact]
    public void Changing_one_field_of_a_row_after_a_seal_voids_it()
    {
        var t = ThirdPartySealed();

        t.ReplaceRows([RowA with { Contact = "张三 13900000000" }, RowB], Before);

        Assert.Equal(SummaryTableState.Draft, t.State);
        Assert.All(t.Seals, s => Assert.True(s.IsVoided));
    }

    [Fact]
    public void Rebuilding_the_rows_with_identical_content_keeps_the_seals()
    {
        var t = ThirdPartySealed();

        t.ReplaceRows([RowA, RowB], Before);

        Assert.Equal(SummaryTableState.ThirdPartySealed, t.State);
        Assert.Equal(2, t.ActiveSeals.Count());
    }

    [Fact]
    public void After_a_void_the_table_can_be_sealed_again_and_the_voided_seal_is_kept()
    {
        var t = DistrictSealed();
        t.RemoveRow(RowB.EnterpriseId, Before);

        t.SealByDistrict("王五", DistrictOrg, "浦东新区科经委", Before, Deadline);

        Assert.Equal(SummaryTableState.DistrictSealed, t.State);
        Assert.Equal(2, t.Seals.Count);
        Assert.Single(t.Seals, s => s.IsVoided);
        Assert.Equal(t.ComputeContentHash(), t.DistrictSeal!.ContentHash);
    }

    // ---- content hash ----

    [Fact]
    public void Hash_is_64_lower_case_hex_and_stable_for_the_same_content()
    {
        var first = Draft(RowA, RowB);
        var second = Draft(RowA, RowB);

        var hash = first.ComputeContentHash();

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, first.ComputeContentHash());
        Assert.Equal(hash, second.ComputeContentHash());
    }

    [Fact]
    public void Hash_does_not_depend_on_the_current_culture()
    {
        var t = Draft();
        var invariant = t.ComputeContentHash();
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(invariant, t.ComputeContentHash());
            Assert.Contains("\t2.85\t", t.CanonicalContent());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    public static TheoryData<string> Mutations => ["name", "code", "industry", "score", "smart", "contact", "order", "assessment"];

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Hash_changes_when_the_content_changes(string field)
    {
        var original = Draft(RowA, RowB).ComputeContentHash();
        SummaryTableRowData changed = field switch
        {
            "name" => RowA with { EnterpriseName = "上海甲智能制造有限公司（二）" },
            "code" => RowA with { CreditCode = "91310115591693856A" },
            "industry" => RowA with { KeyIndustry = KeyIndustry.LifeHealth },
            "score" => RowA with { MaturityScore = new MaturityScore(2.86m) },
            "smart" => RowA with { SmartFactoryLevelName = "先进级" },
            "contact" => RowA with { Contact = "张三 13800000001" },
            "assessment" => RowA with { AssessmentId = Guid.NewGuid() },
            _ => RowA,
        };

        var table = field == "order"
            ? Draft(RowB, RowA)
            : Draft(changed, field == "code" ? RowB with { CreditCode = "91310110666007217T" } : RowB);

        Assert.NotEqual(original, table.ComputeContentHash());
    }

    [Fact]
    public void A_tab_inside_a_value_cannot_pass_for_a_column_break()
    {
        var a = Draft(RowA with { EnterpriseName = "甲\t乙", Contact = "丙" });
        var b = Draft(RowA with { EnterpriseName = "甲", Contact = "乙\t丙" });

        Assert.NotEqual(a.ComputeContentHash(), b.ComputeContentHash());
    }

    // ---- submission ----

    [Fact]
    public void Submit_moves_third_party_sealed_to_submitted_with_a_verification_code()
    {
        var t = Submitted();

        Assert.Equal(SummaryTableState.Submitted, t.State);
        Assert.Equal(Before, t.SubmittedAtUtc);
        Assert.Equal("王五", t.SubmittedBy);
        Assert.Equal(t.ComputeContentHash(), t.SubmittedContentHash);
        Assert.Matches("^[2-9A-HJ-NP-Z]{12}$", t.VerificationCode);
    }

    [Fact]
    public void Verification_codes_differ_between_submissions()
    {
        var codes = Enumerable.Range(0, 20).Select(_ => Submitted().VerificationCode).ToHashSet();

        Assert.Equal(20, codes.Count);
    }

    [Fact]
    public void Submit_needs_both_seals()
    {
        Assert.Throws<InvalidTransitionException>(() => Draft().Submit("王五", Before, Deadline));
        var sealedByDistrict = DistrictSealed();
        Assert.Throws<InvalidTransitionException>(() => sealedByDistrict.Submit("王五", Before, Deadline));
        Assert.Equal(SummaryTableState.DistrictSealed, sealedByDistrict.State);
    }

    [Fact]
    public void Submit_on_the_deadline_day_is_allowed()
    {
        var t = ThirdPartySealed();

        t.Submit("王五", LastSecond, Deadline);

        Assert.Equal(SummaryTableState.Submitted, t.State);
    }

    [Fact]
    public void Submit_after_the_deadline_is_refused()
    {
        var t = ThirdPartySealed();

        Assert.Throws<DomainException>(() => t.Submit("王五", TooLate, Deadline));

        Assert.Equal(SummaryTableState.ThirdPartySealed, t.State);
        Assert.Null(t.VerificationCode);
    }

    [Fact]
    public void Submit_freezes_the_rows()
    {
        var t = Submitted();
        var hash = t.ComputeContentHash();

        Assert.Throws<InvalidTransitionException>(() => t.ReplaceRows([RowA], Before));
        Assert.Throws<InvalidTransitionException>(() => t.AddRow(RowB with { EnterpriseId = Guid.NewGuid() }, Before));
        Assert.Throws<InvalidTransitionException>(() => t.RemoveRow(RowA.EnterpriseId, Before));

        Assert.Equal(2, t.Rows.Count);
        Assert.Equal(hash, t.ComputeContentHash());
        Assert.All(t.Seals, s => Assert.False(s.IsVoided));
    }

    [Fact]
    public void A_submitted_table_cannot_be_sealed_or_submitted_again()
    {
        var t = Submitted();

        Assert.Throws<InvalidTransitionException>(() => t.SealByDistrict("王五", DistrictOrg, "浦东新区科经委", Before, Deadline));
        Assert.Throws<InvalidTransitionException>(() => t.SealByThirdParty("赵六", ThirdPartyOrg, "第三方", Before));
        Assert.Throws<InvalidTransitionException>(() => t.Submit("王五", Before, Deadline));
    }

    [Fact]
    public void Verification_codes_are_read_back_as_typed_from_paper()
    {
        Assert.Equal("ABCD2345EFGH", SummaryTable.NormaliseVerificationCode(" abcd-2345 efgh "));
    }

    // ---- reopen ----

    [Fact]
    public void Only_a_submitted_table_can_be_reopened()
    {
        Assert.Throws<InvalidTransitionException>(() => Draft().Reopen("分数有误", "市经信委", Before));
        Assert.Throws<InvalidTransitionException>(() => ThirdPartySealed().Reopen("分数有误", "市经信委", Before));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Reopen_needs_a_reason(string reason)
    {
        var t = Submitted();

        var e = Assert.Throws<DomainException>(() => t.Reopen(reason, "市经信委", Before));

        Assert.Contains("原因", e.Message);
        Assert.True(t.IsCurrent);
        Assert.Null(t.ReopenedAtUtc);
    }

    [Fact]
    public void Reopen_makes_revision_plus_one_with_the_same_rows_and_keeps_the_old_one()
    {
        var old = Submitted();
        var code = old.VerificationCode;
        var hash = old.ComputeContentHash();
        var at = Before.AddDays(10);

        var next = old.Reopen("乙公司分数有误", "市经信委 钱七", at);

        Assert.Equal(SummaryTableState.Submitted, old.State);
        Assert.False(old.IsCurrent);
        Assert.Equal("乙公司分数有误", old.ReopenReason);
        Assert.Equal("市经信委 钱七", old.ReopenedBy);
        Assert.Equal(at, old.ReopenedAtUtc);
        Assert.Equal(code, old.VerificationCode);
        Assert.Equal(hash, old.ComputeContentHash());
        Assert.Equal(2, old.Seals.Count(s => !s.IsVoided));

        Assert.Equal(2, next.Revision);
        Assert.True(next.IsCurrent);
        Assert.Equal(old.Id, next.PreviousRevisionId);
        Assert.NotEqual(old.Id, next.Id);
        Assert.Equal(SummaryTableState.Draft, next.State);
        Assert.Equal((old.RecommendingUnitId, old.BatchId), (next.RecommendingUnitId, next.BatchId));
        Assert.Equal(old.Rows.Select(r => r.ToData()), next.Rows.Select(r => r.ToData()));
        Assert.All(next.Rows, r => Assert.Equal(next.Id, r.SummaryTableId));
        Assert.Empty(next.Seals);
        Assert.Null(next.VerificationCode);
    }

    [Fact]
    public void A_superseded_revision_cannot_be_reopened_again()
    {
        var old = Submitted();
        old.Reopen("分数有误", "市经信委", Before);

        Assert.Throws<DomainException>(() => old.Reopen("再次退回", "市经信委", Before));
    }

    [Fact]
    public void A_reopened_revision_can_be_corrected_sealed_and_submitted_after_the_batch_deadline()
    {
        var next = Submitted().Reopen("乙公司分数有误", "市经信委", TooLate);
        var afterDeadline = TooLate.AddDays(3);

        next.ReplaceRows([RowA, RowB with { MaturityScore = new MaturityScore(3.20m) }], afterDeadline);
        next.SealByDistrict("王五", DistrictOrg, "浦东新区科经委", afterDeadline, Deadline);
        next.SealByThirdParty("赵六", ThirdPartyOrg, "第三方", afterDeadline);
        next.Submit("王五", afterDeadline, Deadline);

        Assert.Equal(SummaryTableState.Submitted, next.State);
        Assert.NotNull(next.VerificationCode);
    }

    [Fact]
    public void States_have_Chinese_names()
    {
        Assert.Equal("草稿", SummaryTableState.Draft.ToChinese());
        Assert.Equal("推荐单位已盖章", SummaryTableState.DistrictSealed.ToChinese());
        Assert.Equal("第三方机构已盖章", SummaryTableState.ThirdPartySealed.ToChinese());
        Assert.Equal("已报送", SummaryTableState.Submitted.ToChinese());
        Assert.Equal("第三方机构", SealParty.ThirdParty.ToChinese());
    }
}
