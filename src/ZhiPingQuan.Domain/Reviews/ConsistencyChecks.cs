using System.Globalization;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Recommendations;

namespace ZhiPingQuan.Domain.Reviews;

/// <summary>A recommendation basis the application claims that needs evidence, and whether evidence was uploaded.</summary>
public sealed record BasisEvidence(string BasisName, bool EvidencePresent);

/// <summary>An upgrade contract counted for basis 1.</summary>
public sealed record ContractEvidence(string Title, decimal AmountWan, KeyLink Link, DateOnly Date);

/// <summary>
/// Everything the automatic checks of docs/domain.md §4.5 compare, as plain values gathered by the caller
/// from the registry, the summary table, the assessment record and the application. Table values
/// are null when the enterprise is in no submitted table (that fails its own check).
/// </summary>
public sealed record ConsistencyInput
{
    public required string RegistryName { get; init; }
    public required string RegistryCreditCode { get; init; }

    public string? TableName { get; init; }
    public string? TableCreditCode { get; init; }
    public MaturityScore? TableScore { get; init; }
    public string? TableSmartFactoryLevel { get; init; }

    public required string AssessmentName { get; init; }
    public required string AssessmentCreditCode { get; init; }
    public required MaturityScore AssessmentScore { get; init; }
    public required MaturityLevel AssessmentLevel { get; init; }
    public required string AssessmentSmartFactoryLevel { get; init; }

    /// <summary>The lowest maturity level the assessment's smart-factory tier needs; null when the tier has none (未评定).</summary>
    public MaturityLevel? SmartFactoryLevelMinimumMaturity { get; init; }

    public required string ApplicationName { get; init; }
    public required string ApplicationCreditCode { get; init; }
    public required MaturityScore ApplicationScore { get; init; }
    public required MaturityLevel ApplicationLevel { get; init; }
    public required string ApplicationSmartFactoryLevel { get; init; }

    public required bool ListedInSubmittedSummaryTable { get; init; }
    public required bool SubmittedInTime { get; init; }
    public IReadOnlyList<BasisEvidence> EvidenceByBasis { get; init; } = [];
    public IReadOnlyList<ContractEvidence> Contracts { get; init; } = [];

    /// <summary>The programme year, e.g. 2023: counted contracts must be dated in it.</summary>
    public required int ProgrammeYear { get; init; }
    public required bool AgencyMunicipalAtAssessment { get; init; }
    public required bool ConflictOfInterestDeclared { get; init; }
    public required bool OtherApplicationOrRedemptionExists { get; init; }

    /// <summary>What the report cross-check found (<see cref="ReportTextCheck"/>); null when the report has not been read.</summary>
    public CheckResult? ReportCheck { get; init; }
}

public enum ConsistencyCheck
{
    NameIdentical,
    CreditCodeIdentical,
    ScoreAndLevelIdentical,
    LevelMatchesScore,
    SmartFactoryLevelIdentical,
    SmartFactoryLevelSupported,
    ListedInSubmittedTable,
    SubmittedInTime,
    EvidenceForBasis,
    ContractAmountAboveThreshold,
    ContractInKeyLink,
    ContractInProgrammeYear,
    AgencyMunicipal,
    NoConflictOfInterest,
    NoOtherApplicationOrRedemption,
    ReportMatchesRecord,
}

/// <summary>A check passed, failed, or could not decide and asks a person to look (a scanned report has no text to read).</summary>
public enum CheckOutcome
{
    Passed,
    Failed,
    ManualCheck,
}

public sealed record CheckResult(ConsistencyCheck Check, string Name, CheckOutcome Outcome, string Detail)
{
    public CheckResult(ConsistencyCheck check, string name, bool passed, string detail)
        : this(check, name, passed ? CheckOutcome.Passed : CheckOutcome.Failed, detail)
    {
    }

    public bool Passed => Outcome == CheckOutcome.Passed;
}

/// <summary>
/// The automatic completeness and consistency checks shown to the reviewer beside the checklist.
/// They inform the decision; the reviewer decides.
/// </summary>
public static class ConsistencyChecks
{
    /// <summary>Basis 1 counts contracts above (not at) 20 万元.</summary>
    public const decimal ContractThresholdWan = 20m;

    public static IReadOnlyList<CheckResult> Run(ConsistencyInput input) =>
    [
        NameIdentical(input),
        CreditCodeIdentical(input),
        ScoreAndLevelIdentical(input),
        LevelMatchesScore(input),
        SmartFactoryLevelIdentical(input),
        SmartFactoryLevelSupported(input),
        Flag(ConsistencyCheck.ListedInSubmittedTable, "列入本批次已报送的汇总表", input.ListedInSubmittedSummaryTable,
            "企业在本批次已报送的汇总表中。", "企业不在本批次任何已报送的汇总表中。"),
        Flag(ConsistencyCheck.SubmittedInTime, "在截止日期前提交申请", input.SubmittedInTime,
            "申请在截止日期前提交。", "申请提交时已过截止日期。"),
        EvidenceForBasis(input),
        ContractAmount(input),
        ContractKeyLink(input),
        ContractInYear(input),
        Flag(ConsistencyCheck.AgencyMunicipal, "评估机构为市级服务机构", input.AgencyMunicipalAtAssessment,
            "评估时服务机构为市级服务机构。", "评估时服务机构不是市级服务机构，其评估不能兑付。"),
        Flag(ConsistencyCheck.NoConflictOfInterest, "无利益冲突", !input.ConflictOfInterestDeclared,
            "服务机构未申报利益冲突。", "服务机构申报了与该企业存在利益冲突。"),
        Flag(ConsistencyCheck.NoOtherApplicationOrRedemption, "本年度无其他申请或兑付", !input.OtherApplicationOrRedemptionExists,
            "本年度该企业没有其他申请或兑付。", "本年度该企业已有其他额度申请或兑付记录。"),
        input.ReportCheck ?? new CheckResult(ConsistencyCheck.ReportMatchesRecord, ReportTextCheck.Name, CheckOutcome.ManualCheck, "尚未读取报告文字，请人工核对。"),
    ];

    /// <summary>True when every result passed: only such applications may be passed in bulk.</summary>
    public static bool AllPassed(IEnumerable<CheckResult> results) => results.All(r => r.Passed);

    private static CheckResult NameIdentical(ConsistencyInput i) =>
        Identical(ConsistencyCheck.NameIdentical, "企业名称一致",
            [("登记信息", i.RegistryName), ("汇总表", i.TableName), ("评估记录", i.AssessmentName), ("申请", i.ApplicationName)]);

    private static CheckResult CreditCodeIdentical(ConsistencyInput i) =>
        Identical(ConsistencyCheck.CreditCodeIdentical, "统一社会信用代码一致",
            [("登记信息", i.RegistryCreditCode), ("汇总表", i.TableCreditCode), ("评估记录", i.AssessmentCreditCode), ("申请", i.ApplicationCreditCode)]);

    // The table has no level column, so only its score takes part.
    private static CheckResult ScoreAndLevelIdentical(ConsistencyInput i)
    {
        var scores = Identical(ConsistencyCheck.ScoreAndLevelIdentical, "成熟度分数和等级一致",
            [("评估记录", i.AssessmentScore.ToString()), ("汇总表", i.TableScore?.ToString()), ("申请", i.ApplicationScore.ToString())]);
        var levels = Identical(ConsistencyCheck.ScoreAndLevelIdentical, "成熟度分数和等级一致",
            [("评估记录", i.AssessmentLevel.ToChinese()), ("申请", i.ApplicationLevel.ToChinese())]);
        if (scores.Passed && levels.Passed)
        {
            return scores with { Detail = $"分数均为{i.AssessmentScore}，等级均为{i.AssessmentLevel.ToChinese()}。" };
        }
        var problems = new List<string>();
        if (!scores.Passed)
        {
            problems.Add("分数" + scores.Detail);
        }
        if (!levels.Passed)
        {
            problems.Add("等级" + levels.Detail);
        }
        return scores with { Outcome = CheckOutcome.Failed, Detail = string.Join(" ", problems) };
    }

    private static CheckResult LevelMatchesScore(ConsistencyInput i)
    {
        var problems = new List<string>();
        if (i.AssessmentScore.Level != i.AssessmentLevel)
        {
            problems.Add($"评估记录分数{i.AssessmentScore}对应{i.AssessmentScore.Level.ToChinese()}，记录的等级为{i.AssessmentLevel.ToChinese()}");
        }
        if (i.ApplicationScore.Level != i.ApplicationLevel)
        {
            problems.Add($"申请分数{i.ApplicationScore}对应{i.ApplicationScore.Level.ToChinese()}，填写的等级为{i.ApplicationLevel.ToChinese()}");
        }
        return Result(ConsistencyCheck.LevelMatchesScore, "成熟度等级与分数区间相符", problems,
            $"分数{i.AssessmentScore}在{i.AssessmentLevel.ToChinese()}区间内。");
    }

    private static CheckResult SmartFactoryLevelIdentical(ConsistencyInput i) =>
        Identical(ConsistencyCheck.SmartFactoryLevelIdentical, "智能工厂等级一致",
            [("评估记录", i.AssessmentSmartFactoryLevel), ("汇总表", i.TableSmartFactoryLevel), ("申请", i.ApplicationSmartFactoryLevel)]);

    private static CheckResult SmartFactoryLevelSupported(ConsistencyInput i)
    {
        const string name = "智能工厂等级与成熟度等级相符";
        if (i.SmartFactoryLevelMinimumMaturity is not { } minimum)
        {
            return new CheckResult(ConsistencyCheck.SmartFactoryLevelSupported, name, true,
                $"智能工厂等级“{i.AssessmentSmartFactoryLevel}”没有成熟度等级要求。");
        }
        var ok = i.AssessmentLevel >= minimum;
        return new CheckResult(ConsistencyCheck.SmartFactoryLevelSupported, name, ok, ok
            ? $"智能工厂等级“{i.AssessmentSmartFactoryLevel}”要求成熟度至少{minimum.ToChinese()}，实为{i.AssessmentLevel.ToChinese()}。"
            : $"智能工厂等级“{i.AssessmentSmartFactoryLevel}”要求成熟度至少{minimum.ToChinese()}，但成熟度等级只有{i.AssessmentLevel.ToChinese()}。");
    }

    private static CheckResult EvidenceForBasis(ConsistencyInput i)
    {
        var missing = i.EvidenceByBasis.Where(b => !b.EvidencePresent).Select(b => $"缺少“{b.BasisName}”的证明材料").ToList();
        return Result(ConsistencyCheck.EvidenceForBasis, "推荐依据证明材料齐全", missing,
            i.EvidenceByBasis.Count == 0 ? "所申报的依据无需证明材料。" : "每项推荐依据均有证明材料。");
    }

    private static CheckResult ContractAmount(ConsistencyInput i) =>
        ContractCheck(ConsistencyCheck.ContractAmountAboveThreshold, "改造合同金额超过20万元", i,
            c => c.AmountWan > ContractThresholdWan,
            c => $"“{c.Title}”金额{c.AmountWan.ToString("0.00", CultureInfo.InvariantCulture)}万元，未超过20万元");

    private static CheckResult ContractKeyLink(ConsistencyInput i) =>
        ContractCheck(ConsistencyCheck.ContractInKeyLink, "改造合同属于关键环节", i,
            c => c.Link.IsKeyLink(),
            c => $"“{c.Title}”属于{c.Link.ToChinese()}环节，不是关键环节");

    private static CheckResult ContractInYear(ConsistencyInput i) =>
        ContractCheck(ConsistencyCheck.ContractInProgrammeYear, $"改造合同签订于{i.ProgrammeYear}年度", i,
            c => c.Date.Year == i.ProgrammeYear,
            c => $"“{c.Title}”签订于{c.Date.Year}年{c.Date.Month}月{c.Date.Day}日，不在{i.ProgrammeYear}年度");

    private static CheckResult ContractCheck(ConsistencyCheck check, string name, ConsistencyInput i, Func<ContractEvidence, bool> ok, Func<ContractEvidence, string> why)
    {
        if (i.Contracts.Count == 0)
        {
            return new CheckResult(check, name, true, "无改造合同，不适用。");
        }
        return Result(check, name, i.Contracts.Where(c => !ok(c)).Select(why).ToList(), $"{i.Contracts.Count}份合同均符合。");
    }

    private static CheckResult Identical(ConsistencyCheck check, string name, IReadOnlyList<(string Source, string? Value)> values)
    {
        var present = values.Where(v => v.Value is not null).Select(v => (v.Source, Value: v.Value!)).ToList();
        var distinct = present.Select(v => Normalise(v.Value)).Distinct().Count();
        if (distinct <= 1)
        {
            return new CheckResult(check, name, true, present.Count == 0 ? "无可比对的数据。" : $"均为“{present[0].Value.Trim()}”。");
        }
        return new CheckResult(check, name, false, "不一致：" + string.Join("；", present.Select(v => $"{v.Source}为“{v.Value.Trim()}”")) + "。");
    }

    // Full-width/half-width brackets and stray spaces are the same name to a reader.
    private static string Normalise(string value) => CreditCode.Normalise(value);

    private static CheckResult Result(ConsistencyCheck check, string name, IReadOnlyList<string> problems, string okDetail) =>
        problems.Count == 0
            ? new CheckResult(check, name, true, okDetail)
            : new CheckResult(check, name, false, string.Join("；", problems) + "。");

    private static CheckResult Flag(ConsistencyCheck check, string name, bool ok, string okDetail, string failDetail) =>
        new(check, name, ok, ok ? okDetail : failDetail);
}
