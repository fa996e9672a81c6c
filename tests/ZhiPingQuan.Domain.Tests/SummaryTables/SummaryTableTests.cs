using System.Globalization;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;

namespace ZhiPingQuan.Domain.Tests.SummaryTables;

public class SummaryTableTests
{
    private static readonly DateTime Before = new(2023, 11, 10, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime LastSecond = new(2023, 11, 15, 15, 59, 59, DateTimeKind.Utc);
    private static readonly DateTime TooLate = new(2023, 11, 15, 16, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Unit = Guid.Parse("0190a000-0000-7000-8000-000000000001");
    private static readonly Sealer District = new("王五", Guid.Parse("0190a000-0000-7000-8000-000000000003"), "浦东新区");
    private static readonly Sealer ThirdParty = new("赵六", Guid.Parse("0190a000-0000-7000-8000-000000000004"), "第三方质量监督机构");

    /// <summary>The 2023 pilot's 第一批 (deadline 15 November), a fresh one per test: extensions change it.</summary>
    private readonly Batch _batch = Make.FirstBatch();

    private SummaryTableHeading Heading => new(Unit, "浦东新区", _batch.Id, 2023, "第一批");

    private static readonly SummaryTableRowData RowA = new(
        Guid.Parse("0190a000-0000-7000-8000-00000000000a"), Guid.Parse("0190a000-0000-7000-8000-0000000000aa"),
        "上海甲智能制造有限公司", "91310110666007217T", KeyIndustry.Automotive, new MaturityScore(2.85m), "基础级", "张三 13800000000");

    private static readonly SummaryTableRowData RowB = new(
        Guid.Parse("0190a000-0000-7000-8000-00000000000b"), Guid.Parse("0190a000-0000-7000-8000-0000000000bb"),
        "上海乙新材料股份有限公司", "91310115591693856A", KeyIndustry.AdvancedMaterials, new MaturityScore(3.10m), "先进级", "李四 021-12345678");

    private static readonly SummaryTableRowData RowC = RowA with
    {
        EnterpriseId = Guid.Parse("0190a000-0000-7000-8000-00000000000c"),
        AssessmentId = Guid.Parse("0190a000-0000-7000-8000-0000000000cc"),
        EnterpriseName = "上海丙电子有限公司",
        CreditCode = "91310104MA1FL1234" + CreditCode.CheckCharacter("91310104MA1FL1234"),
    };

    private SummaryTable Draft(params SummaryTableRowData[] rows) =>
        new(Heading, rows.Length == 0 ? [RowA, RowB] : rows, "王五", Before);

    private SummaryTable DistrictSealed(params SummaryTableRowData[] rows)
    {
        var t = Draft(rows);
        t.SealByDistrict(District, Before, _batch);
        return t;
    }

    private SummaryTable ThirdPartySealed(params SummaryTableRowData[] rows)
    {
        var t = DistrictSealed(rows);
        t.SealByThirdParty(ThirdParty, Before);
        return t;
    }

    private static PlatformSignature FakeSign(byte[] statement) => new("3045" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(statement)), "0123456789abcdef");

    private static bool FakeVerify(byte[] statement, string signature) => FakeSign(statement).Signature == signature;

    private SummaryTable Submitted(DateTime? at = null)
    {
        var t = ThirdPartySealed();
        t.Submit("王五", at ?? Before, _batch, SummaryTable.NewVerificationCode(), FakeSign);
        return t;
    }

    private static T Event<T>(Entity e) => e.PendingEvents().OfType<T>().Last();

    // ---- creation and rows ----

    [Fact]
    public void New_table_is_the_current_draft_revision_1_with_the_notices_title()
    {
        var t = Draft();

        Assert.Equal(SummaryTableState.Draft, t.State);
        Assert.Equal(1, t.Revision);
        Assert.True(t.IsCurrent);
        Assert.Null(t.PreviousRevisionId);
        Assert.Null(t.VerificationCode);
        Assert.Equal("2023年上海市“智评券”试点重点企业名单汇总表（第一批）", t.Title);
        Assert.Equal(SummaryTableProgress.Draft, t.Progress);
        var drafted = Event<SummaryTableDrafted>(t);
        Assert.Equal(2, drafted.RowCount);
        Assert.Equal(AuditAction.SummaryTableDrafted, drafted.Audit.Action);
    }

    [Fact]
    public void Table_without_unit_or_batch_is_refused()
    {
        Assert.Throws<DomainException>(() => new SummaryTable(Heading with { UnitId = Guid.Empty }, [RowA], "王五", Before));
        Assert.Throws<DomainException>(() => new SummaryTable(Heading with { BatchId = Guid.Empty }, [RowA], "王五", Before));
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
    public void The_same_enterprise_twice_is_refused()
    {
        var e = Assert.Throws<DomainException>(() => Draft(RowB, RowB));

        Assert.Contains("重复", e.Message);
    }

    [Fact]
    public void The_same_credit_code_twice_is_refused_and_the_rows_stay_as_they_were()
    {
        var t = Draft(RowA);

        Assert.Throws<DomainException>(() => t.AddRow(RowB with { CreditCode = RowA.CreditCode }, Before));

        Assert.Single(t.Rows);
    }

    [Fact]
    public void A_row_may_start_without_contact_but_cannot_be_sealed_until_the_district_fills_it_in()
    {
        var t = Draft(RowA with { Contact = "  " }, RowB);

        var e = Assert.Throws<DomainException>(() => t.SealByDistrict(District, Before, _batch));

        Assert.Contains("缺少联系方式", e.Message);
        Assert.Contains(RowA.EnterpriseName, e.Message);
        Assert.Equal(SummaryTableState.Draft, t.State);
        t.CorrectContact(RowA.EnterpriseId, "张三 13800000000", Before);
        t.SealByDistrict(District, Before, _batch);
        Assert.Equal(SummaryTableState.DistrictSealed, t.State);
    }

    [Fact]
    public void An_enterprise_assessed_later_is_added_at_the_end()
    {
        var t = Draft(RowA, RowB);

        t.AddRow(RowC, Before);

        Assert.Equal([RowA.EnterpriseId, RowB.EnterpriseId, RowC.EnterpriseId], t.Rows.OrderBy(r => r.SequenceNo).Select(r => r.EnterpriseId));
        Assert.Equal(AuditAction.SummaryTableRowAdded, Event<SummaryTableRowsChanged>(t).Audit.Action);
    }

    [Fact]
    public void Moving_a_row_renumbers_the_others_in_order()
    {
        var t = Draft(RowA, RowB, RowC);

        t.MoveRow(RowC.EnterpriseId, 1, Before);

        Assert.Equal([RowC.EnterpriseId, RowA.EnterpriseId, RowB.EnterpriseId], t.Rows.OrderBy(r => r.SequenceNo).Select(r => r.EnterpriseId));
        Assert.Equal([1, 2, 3], t.Rows.OrderBy(r => r.SequenceNo).Select(r => r.SequenceNo));
        Assert.Throws<DomainException>(() => t.MoveRow(RowC.EnterpriseId, 4, Before));
    }

    [Fact]
    public void Only_the_contact_is_corrected_by_hand_and_an_empty_one_is_refused()
    {
        var t = Draft(RowA, RowB);

        t.CorrectContact(RowA.EnterpriseId, " 张三 13900000000 ", Before);
        var e = Assert.Throws<DomainException>(() => t.CorrectContact(RowA.EnterpriseId, "   ", Before));

        var row = t.Rows.Single(r => r.EnterpriseId == RowA.EnterpriseId);
        Assert.Equal("张三 13900000000", row.Contact);
        Assert.Equal(RowA with { Contact = "张三 13900000000" }, row.ToData());
        Assert.Equal("contact", e.Field);
    }

    // ---- seal order ----

    [Fact]
    public void District_seal_moves_draft_to_district_sealed_and_records_who_and_the_hash()
    {
        var t = Draft();

        t.SealByDistrict(District, Before, _batch);

        Assert.Equal(SummaryTableState.DistrictSealed, t.State);
        var seal = Assert.Single(t.Seals);
        Assert.Equal(SealParty.District, seal.Party);
        Assert.Equal("王五", seal.SealedBy);
        Assert.Equal(District.OrganisationId, seal.OrganisationId);
        Assert.Equal(Before, seal.AtUtc);
        Assert.Equal(t.ComputeContentHash(), seal.ContentHash);
        Assert.Equal(t.ComputeContentHash()[..16], seal.ShortHash);
        Assert.False(seal.IsVoided);
        Assert.Equal(SealParty.District, Event<SummaryTableSealed>(t).Party);
    }

    [Fact]
    public void An_empty_table_cannot_be_sealed()
    {
        var t = new SummaryTable(Heading, [], "王五", Before);

        Assert.Throws<DomainException>(() => t.SealByDistrict(District, Before, _batch));
        Assert.Equal(SummaryTableState.Draft, t.State);
    }

    [Fact]
    public void Third_party_cannot_seal_before_the_district()
    {
        var t = Draft();

        var e = Assert.Throws<InvalidTransitionException>(() => t.SealByThirdParty(ThirdParty, Before));

        Assert.Equal("草稿", e.From);
        Assert.Empty(t.Seals);
    }

    [Fact]
    public void Nobody_seals_twice()
    {
        var t = ThirdPartySealed();

        Assert.Throws<InvalidTransitionException>(() => t.SealByDistrict(District, Before, _batch));
        Assert.Throws<InvalidTransitionException>(() => t.SealByThirdParty(ThirdParty, Before));
        Assert.Equal(2, t.Seals.Count);
    }

    [Fact]
    public void Third_party_seal_moves_district_sealed_to_third_party_sealed_on_the_same_content()
    {
        var t = ThirdPartySealed();

        Assert.Equal(SummaryTableState.ThirdPartySealed, t.State);
        Assert.Equal("赵六", t.ThirdPartySeal!.SealedBy);
        Assert.Equal(t.DistrictSeal!.ContentHash, t.ThirdPartySeal.ContentHash);
    }

    [Fact]
    public void District_seal_on_the_deadline_day_is_allowed_and_after_it_refused()
    {
        var onTime = Draft();
        onTime.SealByDistrict(District, LastSecond, _batch);
        Assert.Equal(SummaryTableState.DistrictSealed, onTime.State);

        var late = Draft();
        var e = Assert.Throws<DomainException>(() => late.SealByDistrict(District, TooLate, _batch));
        Assert.Contains("2023年11月15日", e.Message);
        Assert.Equal(SummaryTableState.Draft, late.State);
    }

    [Fact]
    public void Third_party_refusal_needs_a_reason_voids_the_district_seal_and_returns_to_draft()
    {
        var t = DistrictSealed();

        Assert.Throws<DomainException>(() => t.RefuseSeal(ThirdParty, "  ", Before));
        Assert.Equal(SummaryTableState.DistrictSealed, t.State);

        t.RefuseSeal(ThirdParty, "乙公司分数与评估报告不一致", Before.AddHours(1));

        Assert.Equal(SummaryTableState.Draft, t.State);
        Assert.True(t.HasOpenRefusal);
        Assert.Equal("乙公司分数与评估报告不一致", t.SealRefusalReason);
        var seal = Assert.Single(t.Seals);
        Assert.Equal(SealVoidCause.RefusedByThirdParty, seal.VoidCause);
        Assert.Equal("第三方机构拒绝盖章，原盖章失效", seal.VoidCause!.Value.ToChinese());
        Assert.Equal("拒绝原因：乙公司分数与评估报告不一致", Event<SummaryTableSealRefused>(t).Audit.Detail);

        t.SealByDistrict(District, Before.AddHours(2), _batch);
        Assert.False(t.HasOpenRefusal);
    }

    // ---- change after seal ----

    [Fact]
    public void A_change_after_the_district_seal_voids_it_visibly_and_returns_to_draft()
    {
        var t = DistrictSealed();
        var later = Before.AddHours(1);

        t.AddRow(RowC, later);

        Assert.Equal(SummaryTableState.Draft, t.State);
        var seal = Assert.Single(t.Seals);
        Assert.True(seal.IsVoided);
        Assert.Equal(later, seal.VoidedAtUtc);
        Assert.Equal("内容已变更，原盖章失效", seal.VoidCause!.Value.ToChinese());
        Assert.Null(t.DistrictSeal);
        var changed = Event<SummaryTableRowsChanged>(t);
        Assert.True(changed.SealsVoided);
        Assert.EndsWith("内容已变更，原盖章失效", changed.Audit.Detail);
    }

    public static TheoryData<string> RowChanges => ["add", "move", "contact", "drop", "update"];

    [Theory]
    [MemberData(nameof(RowChanges))]
    public void Any_row_change_after_both_seals_voids_both(string change)
    {
        var t = ThirdPartySealed(RowA, RowB);
        var hash = t.ComputeContentHash();

        switch (change)
        {
            case "add":
                t.AddRow(RowC, Before);
                break;
            case "move":
                t.MoveRow(RowB.EnterpriseId, 1, Before);
                break;
            case "contact":
                t.CorrectContact(RowA.EnterpriseId, "张三 13900000000", Before);
                break;
            case "drop":
                t.Reconcile(t.PlanReconciliation([RowB], _ => "评估报告已被退回"), Before);
                break;
            case "update":
                t.Reconcile(t.PlanReconciliation([RowA with { MaturityScore = new MaturityScore(2.95m) }, RowB], _ => "—"), Before);
                break;
        }

        Assert.NotEqual(hash, t.ComputeContentHash());
        Assert.Equal(SummaryTableState.Draft, t.State);
        Assert.Equal(2, t.Seals.Count);
        Assert.All(t.Seals, s => Assert.Equal(SealVoidCause.ContentChanged, s.VoidCause));
        Assert.Empty(t.ActiveSeals);
    }

    [Fact]
    public void A_change_that_leaves_the_content_as_it_was_keeps_the_seals()
    {
        var t = ThirdPartySealed();

        t.MoveRow(RowA.EnterpriseId, 1, Before);
        t.CorrectContact(RowA.EnterpriseId, RowA.Contact, Before);

        Assert.Equal(SummaryTableState.ThirdPartySealed, t.State);
        Assert.Equal(2, t.ActiveSeals.Count());
    }

    [Fact]
    public void After_a_void_the_table_can_be_sealed_again_and_the_voided_seal_is_kept()
    {
        var t = DistrictSealed();
        t.AddRow(RowC, Before);

        t.SealByDistrict(District, Before, _batch);

        Assert.Equal(SummaryTableState.DistrictSealed, t.State);
        Assert.Equal(2, t.Seals.Count);
        Assert.Single(t.Seals, s => s.IsVoided);
        Assert.Equal(t.ComputeContentHash(), t.DistrictSeal!.ContentHash);
    }

    // ---- reconciliation with the records ----

    [Fact]
    public void Rows_whose_assessment_no_longer_qualifies_drop_out_with_a_note_and_new_ones_are_offered()
    {
        var t = Draft(RowA, RowB);

        var plan = t.PlanReconciliation([RowB, RowC], row => row.EnterpriseId == RowA.EnterpriseId ? "评估报告已被第三方机构退回" : "?");

        Assert.Equal(RowA.EnterpriseId, Assert.Single(plan.Dropping).Row.EnterpriseId);
        Assert.Equal(RowC.EnterpriseId, Assert.Single(plan.Addable).EnterpriseId);
        Assert.Empty(plan.Updating);

        t.Reconcile(plan, Before);

        var row = Assert.Single(t.Rows);
        Assert.Equal((RowB.EnterpriseId, 1), (row.EnterpriseId, row.SequenceNo));
        var note = Assert.Single(t.DroppedRows);
        Assert.Equal((RowA.EnterpriseName, RowA.CreditCode, "评估报告已被第三方机构退回"), (note.EnterpriseName, note.CreditCode, note.Reason));
        Assert.Equal(AuditAction.SummaryTableRowDropped, Event<SummaryTableRowsChanged>(t).Audit.Action);
    }

    [Fact]
    public void A_reassigned_assessment_is_a_different_record_and_the_row_drops_out()
    {
        var t = Draft(RowA);

        var plan = t.PlanReconciliation([RowA with { AssessmentId = Guid.NewGuid() }], _ => "评估已改派");

        Assert.Single(plan.Dropping);
    }

    [Fact]
    public void Record_changes_refresh_the_row_but_keep_the_contact_the_district_corrected()
    {
        var t = Draft(RowA);
        t.CorrectContact(RowA.EnterpriseId, "张三 021-66660000", Before);

        var plan = t.PlanReconciliation([RowA with { EnterpriseName = "上海甲智能制造股份有限公司", Contact = "别的联系人 1" }], _ => "—");
        t.Reconcile(plan, Before);

        var update = Assert.Single(plan.Updating);
        Assert.Equal([SummaryTableColumns.EnterpriseName], update.Fields);
        var row = Assert.Single(t.Rows);
        Assert.Equal("上海甲智能制造股份有限公司", row.EnterpriseName);
        Assert.Equal("张三 021-66660000", row.Contact);
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
    public void The_canonical_content_holds_the_title_the_batch_and_the_unit()
    {
        var content = Draft().CanonicalContent();

        Assert.Contains("title\t2023年上海市“智评券”试点重点企业名单汇总表（第一批）\n", content);
        Assert.Contains($"batch\t{_batch.Id:D}\t第一批\n", content);
        Assert.Contains($"unit\t{Unit:D}\t浦东新区\n", content);
        Assert.NotEqual(Draft().ComputeContentHash(), new SummaryTable(Heading with { UnitName = "闵行区" }, [RowA, RowB], "王五", Before).ComputeContentHash());
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
            "code" => RowA with { CreditCode = RowC.CreditCode },
            "industry" => RowA with { KeyIndustry = KeyIndustry.LifeHealth },
            "score" => RowA with { MaturityScore = new MaturityScore(2.86m) },
            "smart" => RowA with { SmartFactoryLevelName = "先进级" },
            "contact" => RowA with { Contact = "张三 13800000001" },
            "assessment" => RowA with { AssessmentId = Guid.NewGuid() },
            _ => RowA,
        };

        var table = field == "order" ? Draft(RowB, RowA) : Draft(changed, RowB);

        Assert.NotEqual(original, table.ComputeContentHash());
    }

    [Fact]
    public void A_tab_inside_a_value_cannot_pass_for_a_column_break()
    {
        var a = Draft(RowA with { EnterpriseName = "甲\t乙", Contact = "丙" });
        var b = Draft(RowA with { EnterpriseName = "甲", Contact = "乙丙" });

        Assert.NotEqual(a.ComputeContentHash(), b.ComputeContentHash());
    }

    // ---- submission ----

    [Fact]
    public void Submit_moves_third_party_sealed_to_submitted_with_code_hash_and_signature()
    {
        var t = Submitted();

        Assert.Equal(SummaryTableState.Submitted, t.State);
        Assert.Equal(Before, t.SubmittedAtUtc);
        Assert.Equal("王五", t.SubmittedBy);
        Assert.Equal(t.ComputeContentHash(), t.SubmittedContentHash);
        Assert.Matches("^[2-9A-HJ-NP-Z]{12}$", t.VerificationCode);
        Assert.Equal(FakeSign(SummaryTable.SignedStatement(t.VerificationCode!, 1, t.SubmittedContentHash!)).Signature, t.PlatformSignature);
        Assert.Equal("0123456789abcdef", t.SignatureKeyFingerprint);
        Assert.Equal(SummaryTableProgress.SubmittedOnTime, t.Progress);
        var submitted = Event<SummaryTableSubmitted>(t);
        Assert.Equal([RowA.EnterpriseId, RowB.EnterpriseId], submitted.EnterpriseIds);
        Assert.False(submitted.Late);
    }

    [Fact]
    public void Verification_codes_are_unambiguous_and_differ()
    {
        var codes = Enumerable.Range(0, 2_000).Select(_ => SummaryTable.NewVerificationCode()).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.True(SummaryTable.IsWellFormedVerificationCode(c)));
        // None of the characters people confuse when typing a printed code back.
        Assert.All(codes, c => Assert.DoesNotMatch("[01OIl]", c));
        Assert.Equal(32, SummaryTable.VerificationAlphabet.Distinct().Count());
    }

    [Theory]
    [InlineData(" abcd-2345 efgh ", "ABCD2345EFGH", true)]
    [InlineData("ABCD2345EFG0", "ABCD2345EFG0", false)]
    [InlineData("ABCD2345EFG", "ABCD2345EFG", false)]
    [InlineData("", "", false)]
    public void Verification_codes_are_read_back_as_typed_from_paper(string typed, string normalised, bool wellFormed)
    {
        Assert.Equal(normalised, SummaryTable.NormaliseVerificationCode(typed));
        Assert.Equal(wellFormed, SummaryTable.IsWellFormedVerificationCode(SummaryTable.NormaliseVerificationCode(typed)));
    }

    [Fact]
    public void Verification_codes_print_in_groups_of_four() =>
        Assert.Equal("ABCD-2345-EFGH", SummaryTable.FormatVerificationCode("ABCD2345EFGH"));

    [Fact]
    public void Submit_needs_both_seals()
    {
        Assert.Throws<InvalidTransitionException>(() => Draft().Submit("王五", Before, _batch, "ABCD2345EFGH", FakeSign));
        var sealedByDistrict = DistrictSealed();
        Assert.Throws<InvalidTransitionException>(() => sealedByDistrict.Submit("王五", Before, _batch, "ABCD2345EFGH", FakeSign));
        Assert.Equal(SummaryTableState.DistrictSealed, sealedByDistrict.State);
    }

    [Fact]
    public void Submit_on_the_deadline_day_is_allowed()
    {
        var t = Submitted(LastSecond);

        Assert.Equal(SummaryTableState.Submitted, t.State);
        Assert.False(t.SubmittedLate);
    }

    [Fact]
    public void Submit_after_the_deadline_is_refused_in_Chinese_and_changes_nothing()
    {
        var t = ThirdPartySealed();
        var events = t.PendingEvents().Count;

        var e = Assert.Throws<DomainException>(() => t.Submit("王五", TooLate, _batch, "ABCD2345EFGH", FakeSign));

        Assert.Contains("截止日期为2023年11月15日", e.Message);
        Assert.Contains("不能报送汇总表。如确需报送汇总表，请联系市经信委延长截止日期。", e.Message);
        Assert.Equal(SummaryTableState.ThirdPartySealed, t.State);
        Assert.Null(t.VerificationCode);
        Assert.Null(t.PlatformSignature);
        Assert.Null(t.SubmittedAtUtc);
        Assert.Equal(events, t.PendingEvents().Count);
    }

    [Fact]
    public void Submit_after_the_deadline_is_allowed_once_the_commission_extended_it_and_counts_as_late()
    {
        var t = ThirdPartySealed();
        _batch.ExtendDeadline(new DateOnly(2023, 11, 30), "部分区评估延期", "市经信委", TooLate);

        t.Submit("王五", TooLate.AddDays(3), _batch, SummaryTable.NewVerificationCode(), FakeSign);

        Assert.Equal(SummaryTableState.Submitted, t.State);
        Assert.True(t.SubmittedLate);
        Assert.Equal(SummaryTableProgress.SubmittedLate, t.Progress);
        Assert.True(Event<SummaryTableSubmitted>(t).Late);
    }

    [Fact]
    public void Submit_for_another_batch_is_refused()
    {
        var t = ThirdPartySealed();

        Assert.Throws<DomainException>(() => t.Submit("王五", Before, Make.FirstBatch(), "ABCD2345EFGH", FakeSign));
    }

    [Fact]
    public void Submit_freezes_the_rows()
    {
        var t = Submitted();
        var hash = t.ComputeContentHash();

        Assert.Throws<InvalidTransitionException>(() => t.AddRow(RowC, Before));
        Assert.Throws<InvalidTransitionException>(() => t.MoveRow(RowB.EnterpriseId, 1, Before));
        Assert.Throws<InvalidTransitionException>(() => t.CorrectContact(RowA.EnterpriseId, "新联系人 1", Before));
        Assert.Throws<InvalidTransitionException>(() => t.Reconcile(t.PlanReconciliation([RowA], _ => "退回"), Before));

        Assert.Equal(2, t.Rows.Count);
        Assert.Equal(hash, t.ComputeContentHash());
        Assert.All(t.Seals, s => Assert.False(s.IsVoided));
    }

    [Fact]
    public void A_submitted_table_cannot_be_sealed_refused_or_submitted_again()
    {
        var t = Submitted();

        Assert.Throws<InvalidTransitionException>(() => t.SealByDistrict(District, Before, _batch));
        Assert.Throws<InvalidTransitionException>(() => t.SealByThirdParty(ThirdParty, Before));
        Assert.Throws<InvalidTransitionException>(() => t.RefuseSeal(ThirdParty, "原因", Before));
        Assert.Throws<InvalidTransitionException>(() => t.Submit("王五", Before, _batch, "ABCD2345EFGH", FakeSign));
    }

    // ---- signature ----

    [Fact]
    public void The_signature_holds_for_the_stored_content_and_fails_once_anything_signed_changes()
    {
        var t = Submitted();

        Assert.Equal(SignatureCheck.Valid, t.CheckSignature(FakeVerify));
        Assert.Equal(SignatureCheck.Invalid, t.CheckSignature((_, _) => false));
        Assert.Equal(SignatureCheck.Missing, Draft().CheckSignature(FakeVerify));

        // The statement binds the code and the revision too.
        var statement = SummaryTable.SignedStatement(t.VerificationCode!, t.Revision, t.SubmittedContentHash!);
        Assert.NotEqual(statement, SummaryTable.SignedStatement(t.VerificationCode!, t.Revision + 1, t.SubmittedContentHash!));
        Assert.NotEqual(statement, SummaryTable.SignedStatement("ABCD2345EFGH", t.Revision, t.SubmittedContentHash!));
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
    public void Reopen_makes_revision_plus_one_with_the_same_rows_and_keeps_the_old_one_readable()
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
        Assert.Equal(SignatureCheck.Valid, old.CheckSignature(FakeVerify));
        Assert.Equal(2, old.Seals.Count(s => !s.IsVoided));
        var reopened = Event<SummaryTableReopened>(old);
        Assert.Equal(next.Id, reopened.NewRevisionId);
        Assert.Equal([RowA.EnterpriseId, RowB.EnterpriseId], reopened.EnterpriseIds);

        Assert.Equal(2, next.Revision);
        Assert.True(next.IsCurrent);
        Assert.Equal(old.Id, next.PreviousRevisionId);
        Assert.NotEqual(old.Id, next.Id);
        Assert.Equal(SummaryTableState.Draft, next.State);
        Assert.Equal(SummaryTableProgress.Reopened, next.Progress);
        Assert.Equal(old.Heading, next.Heading);
        Assert.Equal(old.Rows.Select(r => r.ToData()), next.Rows.Select(r => r.ToData()));
        Assert.All(next.Rows, r => Assert.Equal(next.Id, r.SummaryTableId));
        Assert.Empty(next.Seals);
        Assert.Null(next.VerificationCode);
        Assert.Equal(2, Event<SummaryTableDrafted>(next).Revision);
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
        var next = Submitted().Reopen("乙公司联系方式有误", "市经信委", TooLate);
        var afterDeadline = TooLate.AddDays(3);

        next.CorrectContact(RowB.EnterpriseId, "李四 021-87654321", afterDeadline);
        next.SealByDistrict(District, afterDeadline, _batch);
        next.SealByThirdParty(ThirdParty, afterDeadline);
        next.Submit("王五", afterDeadline, _batch, SummaryTable.NewVerificationCode(), FakeSign);

        Assert.Equal(SummaryTableState.Submitted, next.State);
        Assert.NotNull(next.VerificationCode);
        // The correction the commission asked for is not a late delivery.
        Assert.Equal(SummaryTableProgress.SubmittedOnTime, next.Progress);
    }

    // ---- revisions compared ----

    [Fact]
    public void The_difference_between_revisions_lists_rows_added_removed_and_changed_fields()
    {
        var old = Draft(RowA, RowB);
        var next = Draft(RowB with { Contact = "李四 021-87654321" }, RowC);

        var diff = SummaryTableDiff.Compare(old.Rows, next.Rows);

        Assert.Equal(3, diff.Count);
        var changed = Assert.Single(diff, d => d.Kind == RowChangeKind.Changed);
        Assert.Equal(RowB.EnterpriseName, changed.EnterpriseName);
        Assert.Equal(
            [new FieldChange("序号", "2", "1"), new FieldChange("联系方式", "李四 021-12345678", "李四 021-87654321")],
            changed.Fields);
        Assert.Equal(RowC.EnterpriseId, Assert.Single(diff, d => d.Kind == RowChangeKind.Added).EnterpriseId);
        Assert.Equal(RowA.EnterpriseId, Assert.Single(diff, d => d.Kind == RowChangeKind.Removed).EnterpriseId);
        Assert.Empty(SummaryTableDiff.Compare(old.Rows, Draft(RowA, RowB).Rows));
    }

    [Fact]
    public void A_row_comes_from_the_registry_and_the_confirmed_assessment_only()
    {
        var s = Make.Submitted();
        s.Scene.Enterprise.SetContact(null, "孙经理", "021-6666 0202", null);

        var refused = Assert.Throws<DomainException>(() => SummaryTableRowData.FromRecords(s.Scene.Enterprise, s.Assessment));
        Assert.Contains("尚未确认完成", refused.Message);

        s.Assessment.ConfirmCompliance("赵审核员", Make.Before);
        s.Assessment.ConfirmCompletion("李科长", Make.Before);
        var row = SummaryTableRowData.FromRecords(s.Scene.Enterprise, s.Assessment);

        Assert.Equal(new SummaryTableRowData(s.Scene.Enterprise.Id, s.Assessment.Id, "上海浦江精密装备有限公司", Make.EnterpriseCode,
            KeyIndustry.Automotive, new MaturityScore(2.35m), "先进级", "孙经理 021-6666 0202"), row);
    }

    [Fact]
    public void States_and_progress_have_Chinese_names()
    {
        Assert.Equal("草稿", SummaryTableState.Draft.ToChinese());
        Assert.Equal("推荐单位已盖章", SummaryTableState.DistrictSealed.ToChinese());
        Assert.Equal("第三方机构已盖章", SummaryTableState.ThirdPartySealed.ToChinese());
        Assert.Equal("已报送", SummaryTableState.Submitted.ToChinese());
        Assert.Equal("第三方机构", SealParty.ThirdParty.ToChinese());
        Assert.Equal(
            ["未开始", "草稿", "区已盖章", "第三方已盖章", "已报送（按时）", "已报送（逾期）", "已退回重报"],
            Enum.GetValues<SummaryTableProgress>().Select(p => p.ToChinese()));
    }

    [Fact]
    public void The_seven_columns_are_the_notices_exactly() =>
        Assert.Equal(["序号", "企业名称", "统一社会信用代码", "所属行业（六大重点产业）", "智能制造能力成熟度分数", "智能工厂等级", "联系方式"], SummaryTableColumns.All);
}
