using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;

namespace ZhiPingQuan.Domain.Tests.Recommendations;

public class RecommendationTests
{
    private static readonly DateTime LastSecond = Make.Utc(2023, 11, 15, 15, 59, 59);
    private static readonly DateTime AfterDeadline = Make.Utc(2023, 11, 15, 16, 0, 0);

    [Fact]
    public void A_new_recommendation_is_a_draft_of_the_enterprise_unit_year_and_batch()
    {
        var s = Make.Draft();
        var r = s.Recommendation;
        Assert.Equal(RecommendationState.Draft, r.State);
        Assert.Equal(s.Enterprise.Id, r.EnterpriseId);
        Assert.Equal(s.Unit.Id, r.RecommendingUnitId);
        Assert.Equal(s.Year.Id, r.ProgrammeYearId);
        Assert.Equal(s.Batch.Id, r.BatchId);
        Assert.Equal("李科长", r.CreatedBy);
        Assert.True(r.CanBeDeleted);
    }

    [Fact]
    public void The_recommendation_keeps_the_enterprises_name_code_and_industry_and_takes_them_again_from_the_same_enterprise_only()
    {
        var s = Make.Draft();
        Assert.Equal(("上海浦江精密装备有限公司", KeyIndustry.Automotive), (s.Recommendation.EnterpriseName, s.Recommendation.EnterpriseIndustry));

        s.Enterprise.ChangeDetails(new Domain.Organisations.EnterpriseDetails("上海改名后汽车零部件有限公司", s.Enterprise.CreditCode, KeyIndustry.LifeHealth,
            null, s.Enterprise.AnnualOutputWanYuan, null, s.Enterprise.ContactName, s.Enterprise.ContactPhone, null));
        s.Recommendation.CopyEnterpriseDetails(s.Enterprise);
        Assert.Equal(("上海改名后汽车零部件有限公司", KeyIndustry.LifeHealth), (s.Recommendation.EnterpriseName, s.Recommendation.EnterpriseIndustry));
        Assert.Empty(s.Recommendation.TakeEvents());
        Assert.Equal(s.Enterprise.CreditCode, s.Recommendation.EnterpriseCreditCode);

        var other = Make.Enterprise(s.Unit, industry: KeyIndustry.HighEndEquipment);
        var refused = Assert.Throws<DomainException>(() => s.Recommendation.CopyEnterpriseDetails(other));
        Assert.Equal("企业与推荐记录不一致。", refused.Message);
        Assert.Equal(KeyIndustry.LifeHealth, s.Recommendation.EnterpriseIndustry);
    }

    [Fact]
    public void The_properties_the_data_layer_watches_for_the_copy_are_the_enterprises_own_and_each_one_reaches_the_copy()
    {
        Assert.All(Recommendation.CopiedEnterpriseProperties, p => Assert.NotNull(typeof(Domain.Organisations.Enterprise).GetProperty(p)));
        Assert.Equal(["Name", "CreditCode", "Industry"], Recommendation.CopiedEnterpriseProperties);

        // Any other of the enterprise's changes leaves the copy as it was.
        var s = Make.Draft();
        var before = (s.Recommendation.EnterpriseName, s.Recommendation.EnterpriseCreditCode, s.Recommendation.EnterpriseIndustry);
        s.Enterprise.SetAnnualOutput(s.Enterprise.AnnualOutputWanYuan + 1);
        s.Recommendation.CopyEnterpriseDetails(s.Enterprise);
        Assert.Equal(before, (s.Recommendation.EnterpriseName, s.Recommendation.EnterpriseCreditCode, s.Recommendation.EnterpriseIndustry));
    }

    [Fact]
    public void Recommending_a_draft_makes_it_recommended()
    {
        var s = Make.Draft();
        s.Recommendation.Recommend(s.Enterprise, s.Batch, "李科长", LastSecond);
        Assert.Equal(RecommendationState.Recommended, s.Recommendation.State);
        Assert.Equal(LastSecond, s.Recommendation.RecommendedAtUtc);
        Assert.Equal("李科长", s.Recommendation.RecommendedBy);
        Assert.False(s.Recommendation.CanBeDeleted);
    }

    [Fact]
    public void Recommend_after_deadline_is_refused()
    {
        var s = Make.Draft();
        var ex = Assert.Throws<DomainException>(() => s.Recommendation.Recommend(s.Enterprise, s.Batch, "李科长", AfterDeadline));
        Assert.Equal("2023年度第一批的截止日期为2023年11月15日（当日24:00截止），已过截止时间，不能推荐企业。如确需推荐企业，请联系市经信委延长截止日期。", ex.Message);
        Assert.Equal(RecommendationState.Draft, s.Recommendation.State);
    }

    [Fact]
    public void Recommend_after_an_extended_deadline_is_allowed()
    {
        var s = Make.Draft();
        s.Batch.ExtendDeadline(new DateOnly(2023, 11, 20), "延期", "王主任", Make.Before);
        s.Recommendation.Recommend(s.Enterprise, s.Batch, "李科长", AfterDeadline);
        Assert.Equal(RecommendationState.Recommended, s.Recommendation.State);
    }

    [Fact]
    public void Recommending_an_ineligible_enterprise_is_refused_with_every_reason()
    {
        var s = Make.Draft(output: 9_999.99m);
        s.Recommendation.SetContent([], [], false, s.Enterprise);
        var ex = Assert.Throws<NotEligibleException>(() => s.Recommendation.Recommend(s.Enterprise, s.Batch, "李科长", Make.Before));
        Assert.Equal(2, ex.Reasons.Count);
        Assert.Contains("9,999.99万元", ex.Message);
        Assert.Contains("未选择推荐依据", ex.Message);
        Assert.Equal(RecommendationState.Draft, s.Recommendation.State);
    }

    [Fact]
    public void A_district_funded_only_enterprise_may_be_recommended_though_ineligible()
    {
        var s = Make.Draft(output: 5_000m);
        s.Recommendation.SetContent(Make.Basis(RecommendationBasis.Voluntary), [], true, s.Enterprise);
        s.Recommendation.Recommend(s.Enterprise, s.Batch, "李科长", Make.Before);
        Assert.Equal(RecommendationState.Recommended, s.Recommendation.State);
        Assert.False(RecommendationRules.OnMunicipalTrack.IsSatisfiedBy(s.Recommendation));
        Assert.NotEmpty(s.Recommendation.CheckEligibility(s.Enterprise));
    }

    [Fact]
    public void An_eligible_recommendation_counts_for_the_municipal_table()
    {
        Assert.True(RecommendationRules.OnMunicipalTrack.IsSatisfiedBy(Make.Recommended().Recommendation));
    }

    [Fact]
    public void Recommending_twice_is_refused()
    {
        var s = Make.Recommended();
        var ex = Assert.Throws<InvalidTransitionException>(() => s.Recommendation.Recommend(s.Enterprise, s.Batch, "李科长", Make.Before));
        Assert.Equal("推荐记录当前状态为“已推荐”，不能执行“推荐”。", ex.Message);
    }

    [Fact]
    public void Recommending_into_another_batch_than_the_record_is_refused()
    {
        var s = Make.Draft();
        Assert.Throws<DomainException>(() => s.Recommendation.Recommend(s.Enterprise, s.Year.Batches[1], "李科长", Make.Before));
        Assert.Equal(RecommendationState.Draft, s.Recommendation.State);
    }

    [Fact]
    public void A_draft_can_move_to_the_second_batch_and_be_recommended_there_after_the_first_closed()
    {
        var s = Make.Draft();
        var second = s.Year.Batches[1];
        s.Recommendation.ChangeBatch(second);
        s.Recommendation.Recommend(s.Enterprise, second, "李科长", AfterDeadline);
        Assert.Equal(second.Id, s.Recommendation.BatchId);
        Assert.Equal(RecommendationState.Recommended, s.Recommendation.State);
    }

    [Fact]
    public void Changing_to_a_batch_of_another_year_is_refused()
    {
        var s = Make.Draft();
        var other = new Domain.Programmes.ProgrammeYear(2024, new Money(100_000m)).AddBatch("第一批", new DateOnly(2024, 11, 15));
        Assert.Throws<DomainException>(() => s.Recommendation.ChangeBatch(other));
        Assert.Equal(s.Batch.Id, s.Recommendation.BatchId);
    }

    [Fact]
    public void Changing_the_batch_of_a_recommended_record_is_refused()
    {
        var s = Make.Recommended();
        Assert.Throws<InvalidTransitionException>(() => s.Recommendation.ChangeBatch(s.Year.Batches[1]));
    }

    [Fact]
    public void An_enterprise_registered_in_another_unit_cannot_be_recommended_by_this_one()
    {
        var s = Make.Draft();
        s.Enterprise.MoveToUnit(Make.Unit("闵行区", "310112"), "浦东新区", "企业迁址");
        var ex = Assert.Throws<DomainException>(() => s.Recommendation.Recommend(s.Enterprise, s.Batch, "李科长", Make.Before));
        Assert.Contains("已不在本推荐单位登记", ex.Message);
    }

    [Fact]
    public void Recommending_with_another_enterprise_is_refused()
    {
        var s = Make.Draft();
        var other = new Domain.Organisations.Enterprise("别的企业", CreditCode.Parse(Make.AgencyCode), KeyIndustry.Automotive, 20_000m, s.Unit.Id);
        Assert.Throws<DomainException>(() => s.Recommendation.Recommend(other, s.Batch, "李科长", Make.Before));
    }

    [Fact]
    public void Withdrawing_a_recommendation_keeps_the_reason()
    {
        var s = Make.Recommended();
        s.Recommendation.Withdraw(" 企业停产 ", "李科长", Make.Before, assessmentAssigned: false);
        Assert.Equal(RecommendationState.Withdrawn, s.Recommendation.State);
        Assert.Equal("企业停产", s.Recommendation.WithdrawalReason);
        Assert.Equal("李科长", s.Recommendation.WithdrawnBy);
        Assert.Equal(Make.Before, s.Recommendation.WithdrawnAtUtc);
    }

    [Fact]
    public void Withdrawing_needs_a_reason()
    {
        var s = Make.Recommended();
        Assert.Throws<DomainException>(() => s.Recommendation.Withdraw(" ", "李科长", Make.Before, false));
        Assert.Equal(RecommendationState.Recommended, s.Recommendation.State);
    }

    [Fact]
    public void Withdrawing_a_draft_is_refused()
    {
        var s = Make.Draft();
        Assert.Throws<InvalidTransitionException>(() => s.Recommendation.Withdraw("原因", "李科长", Make.Before, false));
    }

    [Fact]
    public void Withdrawing_once_an_agency_is_assigned_is_refused()
    {
        var s = Make.Recommended();
        var ex = Assert.Throws<DomainException>(() => s.Recommendation.Withdraw("原因", "李科长", Make.Before, assessmentAssigned: true));
        Assert.Equal("该企业已分配评估机构，不能撤回推荐。", ex.Message);
        Assert.Equal(RecommendationState.Recommended, s.Recommendation.State);
    }

    [Fact]
    public void A_withdrawn_recommendation_can_be_recommended_again_as_the_same_record()
    {
        var s = Make.Recommended();
        var id = s.Recommendation.Id;
        s.Recommendation.Withdraw("暂缓", "李科长", Make.Before, false);
        s.Recommendation.Recommend(s.Enterprise, s.Batch, "李科长", LastSecond);
        Assert.Equal(id, s.Recommendation.Id);
        Assert.Equal(RecommendationState.Recommended, s.Recommendation.State);
        Assert.Equal(LastSecond, s.Recommendation.RecommendedAtUtc);
    }

    [Fact]
    public void Recommending_a_withdrawn_record_after_the_deadline_is_refused()
    {
        var s = Make.Recommended();
        s.Recommendation.Withdraw("暂缓", "李科长", Make.Before, false);
        Assert.Throws<DomainException>(() => s.Recommendation.Recommend(s.Enterprise, s.Batch, "李科长", AfterDeadline));
        Assert.Equal(RecommendationState.Withdrawn, s.Recommendation.State);
    }

    [Fact]
    public void Marking_assessed_moves_a_recommended_record_to_assessed()
    {
        var s = Make.Recommended();
        s.Recommendation.MarkAssessed(Make.Before);
        Assert.Equal(RecommendationState.Assessed, s.Recommendation.State);
        Assert.Equal(Make.Before, s.Recommendation.AssessedAtUtc);
    }

    [Fact]
    public void Marking_a_draft_or_withdrawn_record_assessed_is_refused()
    {
        var draft = Make.Draft();
        Assert.Throws<InvalidTransitionException>(() => draft.Recommendation.MarkAssessed(Make.Before));
        var withdrawn = Make.Recommended();
        withdrawn.Recommendation.Withdraw("原因", "李科长", Make.Before, false);
        Assert.Throws<InvalidTransitionException>(() => withdrawn.Recommendation.MarkAssessed(Make.Before));
    }

    [Fact]
    public void Listing_moves_an_assessed_record_to_listed()
    {
        var s = Make.Recommended();
        s.Recommendation.MarkAssessed(Make.Before);
        var table = Guid.NewGuid();
        s.Recommendation.MarkListed(table, 1, Make.Before);
        Assert.Equal(RecommendationState.Listed, s.Recommendation.State);
        Assert.Equal(table, s.Recommendation.ListedInSummaryTableId);
    }

    [Fact]
    public void Listing_before_the_assessment_is_confirmed_is_refused()
    {
        var s = Make.Recommended();
        Assert.Throws<InvalidTransitionException>(() => s.Recommendation.MarkListed(Guid.NewGuid(), 1, Make.Before));
    }

    [Fact]
    public void A_district_funded_only_record_never_reaches_the_municipal_table()
    {
        var s = Make.Draft();
        s.Recommendation.SetContent(Make.Basis(RecommendationBasis.Voluntary), [], true, s.Enterprise);
        s.Recommendation.Recommend(s.Enterprise, s.Batch, "李科长", Make.Before);
        s.Recommendation.MarkAssessed(Make.Before);
        var ex = Assert.Throws<DomainException>(() => s.Recommendation.MarkListed(Guid.NewGuid(), 1, Make.Before));
        Assert.Equal("区级叠加支持的企业不列入市级汇总表。", ex.Message);
        Assert.Equal(RecommendationState.Assessed, s.Recommendation.State);
    }

    [Fact]
    public void Unlisting_returns_a_listed_record_to_assessed()
    {
        var s = Make.Recommended();
        s.Recommendation.MarkAssessed(Make.Before);
        s.Recommendation.MarkListed(Guid.NewGuid(), 1, Make.Before);
        s.Recommendation.Unlist();
        Assert.Equal(RecommendationState.Assessed, s.Recommendation.State);
        Assert.Null(s.Recommendation.ListedInSummaryTableId);
        Assert.Throws<InvalidTransitionException>(() => s.Recommendation.Unlist());
    }

    [Fact]
    public void Content_of_a_recommended_record_may_change_while_it_stays_eligible()
    {
        var s = Make.Recommended();
        s.Recommendation.SetContent(Make.Basis(RecommendationBasis.MajorProject, RecommendationBasis.Voluntary), [], false, s.Enterprise);
        Assert.Equal([RecommendationBasis.MajorProject, RecommendationBasis.Voluntary], s.Recommendation.BasisList);
        Assert.Empty(s.Recommendation.Contracts);
    }

    [Fact]
    public void Content_that_would_make_a_recommended_record_ineligible_is_refused_and_nothing_changes()
    {
        var s = Make.Recommended();
        Assert.Throws<NotEligibleException>(() =>
            s.Recommendation.SetContent(Make.Basis(RecommendationBasis.SmartTransformation), Make.Contract(20.00m), false, s.Enterprise));
        Assert.Equal(30.00m, Assert.Single(s.Recommendation.Contracts).AmountWanYuan);
    }

    [Fact]
    public void Content_of_an_assessed_record_is_frozen()
    {
        var s = Make.Recommended();
        s.Recommendation.MarkAssessed(Make.Before);
        Assert.False(s.Recommendation.IsEditable);
        Assert.Throws<InvalidTransitionException>(() =>
            s.Recommendation.SetContent(Make.Basis(RecommendationBasis.Voluntary), [], false, s.Enterprise));
    }

    [Fact]
    public void A_basis_given_twice_is_refused()
    {
        var s = Make.Draft();
        var ex = Assert.Throws<DomainException>(() => s.Recommendation.SetContent(
            Make.Basis(RecommendationBasis.Voluntary, RecommendationBasis.Voluntary), [], false, s.Enterprise));
        Assert.Equal("推荐依据“4 自愿评估”重复填写。", ex.Message);
    }

    [Fact]
    public void Bases_are_kept_in_number_order_with_their_descriptions()
    {
        var s = Make.Draft();
        s.Recommendation.SetContent(
            [new RecommendationBasisStatement(RecommendationBasis.Voluntary, "企业申请"), new RecommendationBasisStatement(RecommendationBasis.MajorProject, " 区重大项目 ")],
            [], false, s.Enterprise);
        Assert.Equal([RecommendationBasis.MajorProject, RecommendationBasis.Voluntary], s.Recommendation.Bases.Select(b => b.Basis));
        Assert.Equal("区重大项目", s.Recommendation.Bases[0].Description);
    }

    [Theory]
    [InlineData(RecommendationState.Draft, "草稿")]
    [InlineData(RecommendationState.Recommended, "已推荐")]
    [InlineData(RecommendationState.Withdrawn, "已撤回")]
    [InlineData(RecommendationState.Assessed, "已完成评估")]
    [InlineData(RecommendationState.Listed, "已列入汇总表")]
    public void States_have_Chinese_names(RecommendationState state, string name) => Assert.Equal(name, state.ToChinese());

    // ---- each of the district's transitions is one audit line, describing the record after it

    private static AuditLine Line(Recommendation r) => Assert.IsAssignableFrom<IAuditedEvent>(Assert.Single(r.TakeEvents())).Audit;

    private static string Described(Make.Scene s) =>
        $"上海浦江精密装备有限公司（{Make.EnterpriseCode}）｜2023年度第一批｜依据：1 {RecommendationBasis.SmartTransformation.ToChinese()}｜改造合同1份";

    private static RecommendationContent Content() => new(Make.Basis(RecommendationBasis.SmartTransformation), Make.Contract(), false);

    [Fact]
    public void Creating_a_draft_or_a_recommendation_at_once_is_one_line_from_nothing()
    {
        var s = Make.Draft();
        var draft = Recommendation.Create(s.Enterprise, s.Batch, Content(), recommend: false, "李科长", Make.Before);
        Assert.Equal(new AuditLine(AuditAction.RecommendationDrafted, nameof(Recommendation), draft.Id, null, "草稿", Described(s)), Line(draft));

        var recommended = Recommendation.Create(s.Enterprise, s.Batch, Content(), recommend: true, "李科长", Make.Before);
        Assert.Equal(new AuditLine(AuditAction.EnterpriseRecommended, nameof(Recommendation), recommended.Id, null, "已推荐", Described(s)), Line(recommended));
    }

    [Fact]
    public void Creating_after_the_deadline_is_refused_with_the_batchs_message()
    {
        var s = Make.Draft();
        var ex = Assert.Throws<DomainException>(() => Recommendation.Create(s.Enterprise, s.Batch, Content(), recommend: false, "李科长", AfterDeadline));
        Assert.StartsWith("2023年度第一批的截止日期为2023年11月15日", ex.Message);
    }

    [Fact]
    public void Revising_names_what_happened()
    {
        var s = Make.Draft();
        s.Recommendation.Revise(s.Batch, Content(), recommend: false, s.Enterprise, "李科长", Make.Before);
        Assert.Equal((AuditAction.RecommendationDraftChanged, "草稿", "草稿"), Parts(Line(s.Recommendation)));

        s.Recommendation.Revise(s.Batch, Content(), recommend: true, s.Enterprise, "李科长", Make.Before);
        Assert.Equal((AuditAction.EnterpriseRecommended, "草稿", "已推荐"), Parts(Line(s.Recommendation)));

        s.Recommendation.Revise(s.Batch, Content(), recommend: true, s.Enterprise, "李科长", Make.Before);
        Assert.Equal((AuditAction.RecommendationChanged, "已推荐", "已推荐"), Parts(Line(s.Recommendation)));

        s.Recommendation.Withdraw("企业放弃", "李科长", Make.Before, assessmentAssigned: false);
        Assert.Equal(new AuditLine(AuditAction.RecommendationWithdrawn, nameof(Recommendation), s.Recommendation.Id, "已推荐", "已撤回", "原因：企业放弃"),
            Line(s.Recommendation));

        s.Recommendation.Revise(s.Batch, Content(), recommend: true, s.Enterprise, "李科长", Make.Before);
        Assert.Equal((AuditAction.EnterpriseRecommendedAgain, "已撤回", "已推荐"), Parts(Line(s.Recommendation)));
    }

    private static (AuditAction, string?, string?) Parts(AuditLine line) => (line.Action, line.Before, line.After);

    [Fact]
    public void A_refused_revision_records_nothing()
    {
        var s = Make.Draft(output: 5_000m);
        Assert.Throws<NotEligibleException>(() => s.Recommendation.Revise(s.Batch, Content(), recommend: true, s.Enterprise, "李科长", Make.Before));
        Assert.Equal(RecommendationState.Draft, s.Recommendation.State);
        Assert.Empty(s.Recommendation.PendingEvents());
    }

    [Fact]
    public void Only_a_draft_may_be_deleted_and_its_deletion_is_recorded()
    {
        var s = Make.Draft();
        s.Recommendation.DeleteDraft();
        Assert.Equal(new AuditLine(AuditAction.RecommendationDraftDeleted, nameof(Recommendation), s.Recommendation.Id, "草稿", null), Line(s.Recommendation));

        var recommended = Make.Recommended().Recommendation;
        Assert.Throws<DomainException>(recommended.DeleteDraft);
    }
}
