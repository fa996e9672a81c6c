using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Recommendations;

/// <summary>
/// 企业推荐 (docs/domain.md §4.1): a unit recommends an enterprise registered with it, once per programme year,
/// to one batch. The same record is reused when a withdrawn recommendation is made again, so
/// (EnterpriseId, ProgrammeYearId) stays unique.
/// </summary>
public sealed class Recommendation : Entity
{
    private const string Record = "推荐记录";

    private readonly List<RecommendationBasisStatement> _bases = [];
    private readonly List<TransformationContract> _contracts = [];

    private Recommendation() { }

    public Recommendation(Enterprise enterprise, Batch batch, string createdBy, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        ArgumentNullException.ThrowIfNull(batch);
        if (!enterprise.IsActive)
        {
            throw new DomainException($"企业“{enterprise.Name}”已停用，不能推荐。");
        }
        EnterpriseId = enterprise.Id;
        CopyEnterpriseDetails(enterprise);
        RecommendingUnitId = enterprise.RecommendingUnitId;
        ProgrammeYearId = batch.ProgrammeYearId;
        BatchId = batch.Id;
        CreatedBy = RequireName(createdBy);
        CreatedAtUtc = utcNow;
        State = RecommendationState.Draft;
    }

    /// <summary>
    /// The district's form creates the enterprise's recommendation of the year (docs/domain.md §4.1): kept as a draft,
    /// or recommended at once (<see cref="Recommend"/>'s checks apply). One audit line either way.
    /// </summary>
    public static Recommendation Create(Enterprise enterprise, Batch batch, RecommendationContent content, bool recommend, string byUserName, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(content);
        batch.EnsureOpen(utcNow, "推荐企业");
        var recommendation = new Recommendation(enterprise, batch, byUserName, utcNow);
        recommendation.SetContent(content.Bases, content.Contracts, content.DistrictFundedOnly, enterprise);
        if (recommend)
        {
            recommendation.RecommendFrom(null, enterprise, batch, byUserName, utcNow);
        }
        else
        {
            recommendation.Raise(new RecommendationDrafted(recommendation.Id, recommendation.Describe(enterprise, batch)));
        }
        return recommendation;
    }

    /// <summary>
    /// The district saves its form onto the record: batch (a draft or withdrawn record may move within its year),
    /// content, and — when asked and not yet recommended — the recommendation itself. Refused after the batch deadline.
    /// One audit line, named for what happened (recommended, recommended again, draft changed, content changed).
    /// </summary>
    public void Revise(Batch batch, RecommendationContent content, bool recommend, Enterprise enterprise, string byUserName, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(content);
        if (!IsEditable)
        {
            throw new DomainException($"推荐记录当前状态为“{State.ToChinese()}”，不能再修改。");
        }
        batch.EnsureOpen(utcNow, "推荐企业");
        if (batch.ProgrammeYearId != ProgrammeYearId)
        {
            throw new DomainException("只能更换为同一项目年度的批次；其他年度请新建推荐。");
        }
        if (batch.Id != BatchId)
        {
            ChangeBatch(batch);
        }
        var before = State;
        SetContent(content.Bases, content.Contracts, content.DistrictFundedOnly, enterprise);
        if (recommend && before != RecommendationState.Recommended)
        {
            RecommendFrom(before, enterprise, batch, byUserName, utcNow);
            return;
        }
        Raise(before == RecommendationState.Draft
            ? new RecommendationDraftChanged(Id, Describe(enterprise, batch))
            : new RecommendationChanged(Id, before, Describe(enterprise, batch)));
    }

    public Guid EnterpriseId { get; private set; }
    public Enterprise? Enterprise { get; private set; }

    /// <summary>
    /// The enterprise's name, credit code and industry, copied here so the commission's overview counts, searches,
    /// filters and sorts a year's recommendations without joining each one to its enterprise. The enterprise's record
    /// stays the one that is edited; <see cref="CopyEnterpriseDetails"/> follows every change of it (the data layer
    /// calls it).
    /// </summary>
    public string EnterpriseName { get; private set; } = string.Empty;

    /// <inheritdoc cref="EnterpriseName"/>
    public CreditCode EnterpriseCreditCode { get; private set; } = null!;

    /// <inheritdoc cref="EnterpriseName"/>
    public KeyIndustry EnterpriseIndustry { get; private set; }

    /// <summary>
    /// The enterprise's properties <see cref="CopyEnterpriseDetails"/> copies: a change of any of them must reach the copies
    /// (the data layer watches these names, so a property added to the copy is added here once).
    /// </summary>
    public static readonly IReadOnlyList<string> CopiedEnterpriseProperties =
        [nameof(Enterprise.Name), nameof(Enterprise.CreditCode), nameof(Enterprise.Industry)];

    /// <summary>Takes the enterprise's current name, credit code and industry (<see cref="EnterpriseName"/>); no audit line: nothing of the recommendation changed.</summary>
    public void CopyEnterpriseDetails(Enterprise enterprise)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        if (enterprise.Id != EnterpriseId)
        {
            throw new DomainException("企业与推荐记录不一致。");
        }
        (EnterpriseName, EnterpriseCreditCode, EnterpriseIndustry) = (enterprise.Name, enterprise.CreditCode, enterprise.Industry);
    }

    /// <summary>The unit the enterprise is registered in, which owns this recommendation.</summary>
    public Guid RecommendingUnitId { get; private set; }
    public RecommendingUnit? RecommendingUnit { get; private set; }

    public Guid ProgrammeYearId { get; private set; }

    public Guid BatchId { get; private set; }
    public Batch? Batch { get; private set; }

    public RecommendationState State { get; private set; }

    /// <summary>区级叠加支持: recorded by the district although the municipal rules are not met; never on the municipal table.</summary>
    public bool DistrictFundedOnly { get; private set; }

    public IReadOnlyList<RecommendationBasisStatement> Bases => _bases;

    /// <summary>Contracts backing basis 1 (改造合同).</summary>
    public IReadOnlyList<TransformationContract> Contracts => _contracts;

    public DateTime CreatedAtUtc { get; private set; }
    public string CreatedBy { get; private set; } = string.Empty;

    public DateTime? RecommendedAtUtc { get; private set; }
    public string? RecommendedBy { get; private set; }

    public DateTime? WithdrawnAtUtc { get; private set; }
    public string? WithdrawnBy { get; private set; }
    public string? WithdrawalReason { get; private set; }

    public DateTime? AssessedAtUtc { get; private set; }

    public DateTime? ListedAtUtc { get; private set; }

    /// <summary>The summary table (other area) whose submission listed this recommendation.</summary>
    public Guid? ListedInSummaryTableId { get; private set; }

    /// <summary>Bases and contracts can change until the assessment is confirmed.</summary>
    public bool IsEditable => !RecommendationStateRules.Assessed.IsSatisfiedBy(State);

    /// <summary>A draft was never recommended: the district may delete it.</summary>
    public bool CanBeDeleted => State == RecommendationState.Draft;

    public IReadOnlyList<RecommendationBasis> BasisList => _bases.Select(b => b.Basis).Order().ToArray();

    /// <summary>The municipal rules against this record's content (empty = eligible).</summary>
    public IReadOnlyList<string> CheckEligibility(Enterprise enterprise)
    {
        EnsureSameEnterprise(enterprise);
        return EligibilityRules.Check(enterprise, BasisList, _contracts);
    }

    /// <summary>
    /// Replaces bases, contracts and the district-funded flag. While Recommended the new content must
    /// still satisfy the municipal rules (unless district-funded only), so a recommended record never
    /// turns ineligible behind the rules' back.
    /// </summary>
    public void SetContent(
        IEnumerable<RecommendationBasisStatement> bases,
        IEnumerable<TransformationContract> contracts,
        bool districtFundedOnly,
        Enterprise enterprise)
    {
        EnsureSameEnterprise(enterprise);
        if (!IsEditable)
        {
            throw new InvalidTransitionException(Record, State.ToChinese(), "修改推荐内容");
        }
        var basisList = bases.ToList();
        var duplicate = basisList.GroupBy(b => b.Basis).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainException($"推荐依据“{duplicate.Key.ToNumbered()}”重复填写。");
        }
        var contractList = contracts.ToList();
        if (State == RecommendationState.Recommended && !districtFundedOnly)
        {
            var reasons = EligibilityRules.Check(enterprise, basisList.Select(b => b.Basis), contractList);
            if (reasons.Count > 0)
            {
                throw new NotEligibleException(reasons);
            }
        }
        _bases.Clear();
        _bases.AddRange(basisList.OrderBy(b => b.Basis));
        _contracts.Clear();
        _contracts.AddRange(contractList);
        DistrictFundedOnly = districtFundedOnly;
    }

    /// <summary>Moves a draft or withdrawn recommendation to another batch of the same programme year.</summary>
    public void ChangeBatch(Batch batch)
    {
        if (RecommendationStateRules.CountsAsRecommended.IsSatisfiedBy(State))
        {
            throw new InvalidTransitionException(Record, State.ToChinese(), "更换批次");
        }
        if (batch.ProgrammeYearId != ProgrammeYearId)
        {
            throw new DomainException("只能更换为同一项目年度的批次。");
        }
        BatchId = batch.Id;
    }

    /// <summary>
    /// Draft or Withdrawn → Recommended. Refused after the batch deadline, for an enterprise no longer
    /// registered in the unit, and — unless district-funded only — when the municipal rules fail.
    /// </summary>
    public void Recommend(Enterprise enterprise, Batch batch, string byUserName, DateTime utcNow) =>
        RecommendFrom(State, enterprise, batch, byUserName, utcNow);

    /// <param name="before">The state the audit line starts from: null for a record created recommended.</param>
    private void RecommendFrom(RecommendationState? before, Enterprise enterprise, Batch batch, string byUserName, DateTime utcNow)
    {
        if (RecommendationStateRules.CountsAsRecommended.IsSatisfiedBy(State))
        {
            throw new InvalidTransitionException(Record, State.ToChinese(), "推荐");
        }
        EnsureSameEnterprise(enterprise);
        if (batch.Id != BatchId)
        {
            throw new DomainException("推荐批次与记录不一致，请先更换批次。");
        }
        if (enterprise.RecommendingUnitId != RecommendingUnitId)
        {
            throw new DomainException($"企业“{enterprise.Name}”已不在本推荐单位登记，不能由本单位推荐。");
        }
        if (!enterprise.IsActive)
        {
            throw new DomainException($"企业“{enterprise.Name}”已停用，不能推荐。");
        }
        var by = RequireName(byUserName);
        batch.EnsureOpen(utcNow, "推荐企业");
        if (!DistrictFundedOnly)
        {
            var reasons = CheckEligibility(enterprise);
            if (reasons.Count > 0)
            {
                throw new NotEligibleException(reasons);
            }
        }
        State = RecommendationState.Recommended;
        RecommendedAtUtc = utcNow;
        RecommendedBy = by;
        Raise(new EnterpriseRecommended(Id, before, Describe(enterprise, batch)));
    }

    /// <summary>
    /// Recommended → Withdrawn. The caller says whether an assessment has been assigned: once an agency
    /// is on it, the recommendation cannot be withdrawn.
    /// </summary>
    public void Withdraw(string reason, string byUserName, DateTime utcNow, bool assessmentAssigned)
    {
        if (State != RecommendationState.Recommended)
        {
            throw new InvalidTransitionException(Record, State.ToChinese(), "撤回推荐");
        }
        if (assessmentAssigned)
        {
            throw new DomainException("该企业已分配评估机构，不能撤回推荐。");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("撤回推荐必须填写原因。");
        }
        var by = RequireName(byUserName);
        State = RecommendationState.Withdrawn;
        WithdrawnAtUtc = utcNow;
        WithdrawnBy = by;
        WithdrawalReason = reason.Trim();
        Raise(new RecommendationWithdrawn(Id, WithdrawalReason));
    }

    /// <summary>A draft was never recommended: the district may delete it, which frees the enterprise's year. The caller removes the record.</summary>
    public void DeleteDraft()
    {
        if (!CanBeDeleted)
        {
            throw new DomainException($"推荐记录当前状态为“{State.ToChinese()}”，只有草稿可以删除。");
        }
        Raise(new RecommendationDraftDeleted(Id));
    }

    /// <summary>What the audit line says of the record: enterprise, batch and content as they are now.</summary>
    public RecommendationDescription Describe(Enterprise enterprise, Batch batch) =>
        new(enterprise.Name, enterprise.CreditCode.Value, batch.ProgrammeYear?.Year, batch.Name, BasisList, _contracts.Count, DistrictFundedOnly);

    /// <summary>Recommended → Assessed, when the district confirms the assessment (the handler of <c>AssessmentConfirmed</c>).</summary>
    public void MarkAssessed(DateTime utcNow)
    {
        if (State != RecommendationState.Recommended)
        {
            throw new InvalidTransitionException(Record, State.ToChinese(), "确认评估完成");
        }
        State = RecommendationState.Assessed;
        AssessedAtUtc = utcNow;
        Raise(new RecommendationAssessed(Id));
    }

    /// <summary>Assessed → Listed, when the unit's summary table containing it is submitted (the handler of <c>SummaryTableSubmitted</c>).</summary>
    public void MarkListed(Guid summaryTableId, int revision, DateTime utcNow)
    {
        if (State != RecommendationState.Assessed)
        {
            throw new InvalidTransitionException(Record, State.ToChinese(), "列入汇总表");
        }
        if (DistrictFundedOnly)
        {
            throw new DomainException("区级叠加支持的企业不列入市级汇总表。");
        }
        State = RecommendationState.Listed;
        ListedAtUtc = utcNow;
        ListedInSummaryTableId = summaryTableId;
        Raise(new RecommendationListed(Id, summaryTableId, revision));
    }

    /// <summary>Listed → Assessed, when the commission reopens the table that listed it (the handler of <c>SummaryTableReopened</c>).</summary>
    public void Unlist()
    {
        if (State != RecommendationState.Listed)
        {
            throw new InvalidTransitionException(Record, State.ToChinese(), "移出汇总表");
        }
        var table = ListedInSummaryTableId ?? Guid.Empty;
        State = RecommendationState.Assessed;
        ListedAtUtc = null;
        ListedInSummaryTableId = null;
        Raise(new RecommendationUnlisted(Id, table));
    }

    private void EnsureSameEnterprise(Enterprise enterprise)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        if (enterprise.Id != EnterpriseId)
        {
            throw new DomainException("企业与推荐记录不一致。");
        }
    }

    private static string RequireName(string name) =>
        string.IsNullOrWhiteSpace(name) ? throw new DomainException("操作人不能为空。") : name.Trim();
}

/// <summary>What the district states for a recommendation: its bases, the contracts backing basis 1, and whether it is district-funded only.</summary>
public sealed record RecommendationContent(
    IReadOnlyList<RecommendationBasisStatement> Bases,
    IReadOnlyList<TransformationContract> Contracts,
    bool DistrictFundedOnly);
