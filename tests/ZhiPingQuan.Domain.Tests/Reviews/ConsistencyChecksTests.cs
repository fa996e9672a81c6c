using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Reviews;
using ZhiPingQuan.Domain.Recommendations;

namespace ZhiPingQuan.Domain.Tests.Reviews;

public class ConsistencyChecksTests
{
    private const string Name = "上海甲智能制造有限公司（浦东）";
    private const string Code = "91310110666007217T";

    private static ConsistencyInput Consistent() => new()
    {
        RegistryName = Name,
        RegistryCreditCode = Code,
        TableName = Name,
        TableCreditCode = Code,
        TableScore = new MaturityScore(3.00m),
        TableSmartFactoryLevel = "卓越级",
        AssessmentName = Name,
        AssessmentCreditCode = Code,
        AssessmentScore = new MaturityScore(3.00m),
        AssessmentLevel = MaturityLevel.Three,
        AssessmentSmartFactoryLevel = "卓越级",
        SmartFactoryLevelMinimumMaturity = MaturityLevel.Three,
        ApplicationName = Name,
        ApplicationCreditCode = Code,
        ApplicationScore = new MaturityScore(3.00m),
        ApplicationLevel = MaturityLevel.Three,
        ApplicationSmartFactoryLevel = "卓越级",
        ListedInSubmittedSummaryTable = true,
        SubmittedInTime = true,
        EvidenceByBasis = [new BasisEvidence("智能化改造", true), new BasisEvidence("智能工厂或示范场景", true)],
        Contracts =
        [
            new ContractEvidence("MES合同", 35.50m, KeyLink.Production, new DateOnly(2023, 3, 1)),
            new ContractEvidence("WMS合同", 20.01m, KeyLink.Warehousing, new DateOnly(2023, 12, 31)),
        ],
        ProgrammeYear = 2023,
        AgencyMunicipalAtAssessment = true,
        ConflictOfInterestDeclared = false,
        OtherApplicationOrRedemptionExists = false,
        ReportCheck = ReportTextCheck.Run($"评估报告 受评企业：{Name} 统一社会信用代码：{Code} 分数3.00 三级", Name, Code, new MaturityScore(3.00m), MaturityLevel.Three),
    };

    private static ConsistencyInput Break(ConsistencyCheck check, ConsistencyInput i) => check switch
    {
        ConsistencyCheck.NameIdentical => i with { ApplicationName = "上海甲智能科技有限公司" },
        ConsistencyCheck.CreditCodeIdentical => i with { TableCreditCode = "91310115591693856A" },
        ConsistencyCheck.ScoreAndLevelIdentical => i with { ApplicationScore = new MaturityScore(3.10m) },
        ConsistencyCheck.LevelMatchesScore => i with { AssessmentLevel = MaturityLevel.Two, ApplicationLevel = MaturityLevel.Two, SmartFactoryLevelMinimumMaturity = MaturityLevel.Two },
        ConsistencyCheck.SmartFactoryLevelIdentical => i with { TableSmartFactoryLevel = "先进级" },
        ConsistencyCheck.SmartFactoryLevelSupported => i with { SmartFactoryLevelMinimumMaturity = MaturityLevel.Four },
        ConsistencyCheck.ListedInSubmittedTable => i with { ListedInSubmittedSummaryTable = false },
        ConsistencyCheck.SubmittedInTime => i with { SubmittedInTime = false },
        ConsistencyCheck.EvidenceForBasis => i with { EvidenceByBasis = [new BasisEvidence("智能化改造", true), new BasisEvidence("重大产业项目", false)] },
        ConsistencyCheck.ContractAmountAboveThreshold => i with { Contracts = [i.Contracts[0], i.Contracts[1] with { AmountWan = 20.00m }] },
        ConsistencyCheck.ContractInKeyLink => i with { Contracts = [i.Contracts[0], i.Contracts[1] with { Link = KeyLink.Finance }] },
        ConsistencyCheck.ContractInProgrammeYear => i with { Contracts = [i.Contracts[0], i.Contracts[1] with { Date = new DateOnly(2022, 12, 31) }] },
        ConsistencyCheck.AgencyMunicipal => i with { AgencyMunicipalAtAssessment = false },
        ConsistencyCheck.NoConflictOfInterest => i with { ConflictOfInterestDeclared = true },
        ConsistencyCheck.NoOtherApplicationOrRedemption => i with { OtherApplicationOrRedemptionExists = true },
        ConsistencyCheck.ReportMatchesRecord => i with { ReportCheck = ReportTextCheck.Run("另一家企业的评估报告，分数2.50，二级，代码91310115591693856A", Name, Code, new MaturityScore(3.00m), MaturityLevel.Three) },
        _ => throw new ArgumentOutOfRangeException(nameof(check)),
    };

    public static TheoryData<ConsistencyCheck> AllChecks => new(Enum.GetValues<ConsistencyCheck>());

    [Fact]
    public void A_consistent_application_passes_every_check()
    {
        var results = ConsistencyChecks.Run(Consistent());

        Assert.Equal(Enum.GetValues<ConsistencyCheck>(), results.Select(r => r.Check));
        Assert.All(results, r => Assert.True(r.Passed, $"{r.Name}: {r.Detail}"));
        Assert.All(results, r => Assert.False(string.IsNullOrWhiteSpace(r.Name)));
    }

    [Theory]
    [MemberData(nameof(AllChecks))]
    public void Each_check_fails_on_its_own(ConsistencyCheck check)
    {
        var results = ConsistencyChecks.Run(Break(check, Consistent()));

        var failed = Assert.Single(results, r => !r.Passed);
        Assert.Equal(check, failed.Check);
        Assert.False(string.IsNullOrWhiteSpace(failed.Detail));
    }

    [Fact]
    public void A_name_mismatch_says_which_sources_disagree()
    {
        var failed = ConsistencyChecks.Run(Break(ConsistencyCheck.NameIdentical, Consistent()))
            .Single(r => r.Check == ConsistencyCheck.NameIdentical);

        Assert.Contains("申请为“上海甲智能科技有限公司”", failed.Detail);
        Assert.Contains("登记信息为“上海甲智能制造有限公司（浦东）”", failed.Detail);
    }

    [Fact]
    public void Full_width_and_half_width_brackets_and_spaces_are_the_same_name()
    {
        var input = Consistent() with { TableName = "上海甲智能制造有限公司(浦东) ", ApplicationCreditCode = "９１３１０１１０６６６００７２１７ｔ" };

        var results = ConsistencyChecks.Run(input);

        Assert.True(results.Single(r => r.Check == ConsistencyCheck.NameIdentical).Passed);
        Assert.True(results.Single(r => r.Check == ConsistencyCheck.CreditCodeIdentical).Passed);
    }

    [Fact]
    public void A_contract_of_exactly_20_wan_does_not_count()
    {
        var failed = ConsistencyChecks.Run(Break(ConsistencyCheck.ContractAmountAboveThreshold, Consistent()))
            .Single(r => r.Check == ConsistencyCheck.ContractAmountAboveThreshold);

        Assert.Contains("20.00万元", failed.Detail);
        Assert.Contains("WMS合同", failed.Detail);
    }

    [Fact]
    public void A_stated_level_outside_the_score_interval_is_reported()
    {
        var input = Consistent() with { ApplicationLevel = MaturityLevel.Four };

        var results = ConsistencyChecks.Run(input);

        var interval = results.Single(r => r.Check == ConsistencyCheck.LevelMatchesScore);
        Assert.False(interval.Passed);
        Assert.Contains("申请分数3.00对应三级（集成级）", interval.Detail);
        Assert.False(results.Single(r => r.Check == ConsistencyCheck.ScoreAndLevelIdentical).Passed);
    }

    [Fact]
    public void An_enterprise_in_no_submitted_table_fails_only_the_listing_check()
    {
        var input = Consistent() with
        {
            ListedInSubmittedSummaryTable = false,
            TableName = null,
            TableCreditCode = null,
            TableScore = null,
            TableSmartFactoryLevel = null,
        };

        var failed = Assert.Single(ConsistencyChecks.Run(input), r => !r.Passed);

        Assert.Equal(ConsistencyCheck.ListedInSubmittedTable, failed.Check);
    }

    [Fact]
    public void Without_contracts_the_contract_checks_do_not_apply()
    {
        var input = Consistent() with { Contracts = [], EvidenceByBasis = [] };

        var results = ConsistencyChecks.Run(input);

        Assert.All(results, r => Assert.True(r.Passed));
        Assert.Contains("不适用", results.Single(r => r.Check == ConsistencyCheck.ContractInKeyLink).Detail);
    }

    [Fact]
    public void A_tier_without_a_minimum_level_is_always_supported()
    {
        var input = Consistent() with { SmartFactoryLevelMinimumMaturity = null, AssessmentScore = new MaturityScore(0.50m), AssessmentLevel = MaturityLevel.BelowOne, ApplicationScore = new MaturityScore(0.50m), ApplicationLevel = MaturityLevel.BelowOne, TableScore = new MaturityScore(0.50m) };

        Assert.True(ConsistencyChecks.Run(input).Single(r => r.Check == ConsistencyCheck.SmartFactoryLevelSupported).Passed);
    }

    [Fact]
    public void An_unread_report_asks_for_a_person_and_is_not_green()
    {
        var results = ConsistencyChecks.Run(Consistent() with { ReportCheck = null });

        var report = results.Single(r => r.Check == ConsistencyCheck.ReportMatchesRecord);
        Assert.Equal(CheckOutcome.ManualCheck, report.Outcome);
        Assert.False(ConsistencyChecks.AllPassed(results));
        Assert.True(ConsistencyChecks.AllPassed(ConsistencyChecks.Run(Consistent())));
    }
}
