using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Tests.LifecycleSupport;

/// <summary>Builders for the lifecycle tests: the 2023 pilot with its two batches, a unit, an enterprise, agencies.</summary>
internal static class Make
{
    public const string EnterpriseCode = "91310110666007217T";
    public const string AgencyCode = "91310115591693856A";

    /// <summary>A UTC instant; the default hour (02:00Z) is 10:00 in Shanghai.</summary>
    public static DateTime Utc(int year, int month, int day, int hour = 2, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);

    /// <summary>1 October 2023, well before the first deadline.</summary>
    public static DateTime Before => Utc(2023, 10, 1);

    public static CreditCode Code(string first17) => CreditCode.Parse(first17 + CreditCode.CheckCharacter(first17));

    public static RecommendingUnit Unit(string name = "浦东新区", string? code = "310115") => new(name, code, 11);

    public static ProgrammeYear Year2023()
    {
        var year = new ProgrammeYear(2023, new Money(100_000.00m), new Money(2_000_000.00m));
        year.AddBatch("第一批", new DateOnly(2023, 11, 15));
        year.AddBatch("第二批", new DateOnly(2023, 12, 15));
        return year;
    }

    public static Batch FirstBatch(ProgrammeYear? year = null) => (year ?? Year2023()).Batches[0];

    public static Enterprise Enterprise(RecommendingUnit unit, decimal output = 12_000.00m, KeyIndustry industry = KeyIndustry.Automotive) =>
        new("上海浦江精密装备有限公司", CreditCode.Parse(EnterpriseCode), industry, output, unit.Id);

    public static ServiceAgency MunicipalAgency(string name = "上海智评工业咨询有限公司", string? first17 = null) =>
        new(name, first17 is null ? CreditCode.Parse(AgencyCode) : Code(first17), AgencyLevel.Municipal, null, new DateOnly(2023, 1, 1), new DateOnly(2025, 12, 31));

    public static ServiceAgency DistrictAgency(RecommendingUnit unit) =>
        new("浦东数字化服务有限公司", Code("91310115MA1H7A2BX"), AgencyLevel.District, unit.Id, new DateOnly(2023, 1, 1));

    public static IReadOnlyList<RecommendationBasisStatement> Basis(params RecommendationBasis[] bases) =>
        bases.Select(b => new RecommendationBasisStatement(b, "说明")).ToArray();

    public static IReadOnlyList<TransformationContract> Contract(decimal amount = 30.00m, KeyLink link = KeyLink.Production) =>
        [new TransformationContract(amount, link, "MES 系统改造")];

    public sealed record Scene(RecommendingUnit Unit, ProgrammeYear Year, Batch Batch, Enterprise Enterprise, Recommendation Recommendation);

    /// <summary>A draft recommendation that satisfies the rules (basis 1 with a 30 万元 production contract).</summary>
    public static Scene Draft(decimal output = 12_000.00m)
    {
        var unit = Unit();
        var year = Year2023();
        var batch = year.Batches[0];
        var enterprise = Enterprise(unit, output);
        var recommendation = new Recommendation(enterprise, batch, "李科长", Before);
        recommendation.SetContent(Basis(RecommendationBasis.SmartTransformation), Contract(), false, enterprise);
        return new Scene(unit, year, batch, enterprise, recommendation);
    }

    public static Scene Recommended()
    {
        var scene = Draft();
        scene.Recommendation.Recommend(scene.Enterprise, scene.Batch, "李科长", Before);
        return scene;
    }

    public sealed record AssessmentScene(Scene Scene, ServiceAgency Agency, Assessment Assessment)
    {
        public Recommendation Recommendation => Scene.Recommendation;
    }

    public static AssessmentScene Assigned()
    {
        var scene = Recommended();
        var agency = MunicipalAgency();
        return new AssessmentScene(scene, agency, new Assessment(scene.Recommendation, agency, "李科长", Before));
    }

    public static AssessmentScene InProgress()
    {
        var s = Assigned();
        s.Assessment.ConfirmByEnterprise("孙经理", Before);
        s.Assessment.DeclareConflict(false, null, "周评估师", Before);
        s.Assessment.Start("周评估师", Before);
        return s;
    }

    public static SmartFactoryLevel Tier(string name) => SmartFactoryLevel.CreateSeed().Single(l => l.Name == name);

    public static void FillRecord(Assessment assessment, decimal score = 2.35m, MaturityLevel level = MaturityLevel.Two, string tier = "先进级")
    {
        assessment.UpdateRecord(null, new DateOnly(2023, 10, 9), new DateOnly(2023, 10, 12), "王工、赵工",
            new LevelScores(1.00m, 0.90m, 0.45m, null, null), new MaturityScore(score), level, Tier(tier));
        foreach (var checkpoint in AssessmentCheckpointNames.All.Where(c => assessment.CheckpointDoneAtUtc(c) is null))
        {
            assessment.CompleteCheckpoint(checkpoint, Before);
        }
    }

    public static AssessmentScene Submitted()
    {
        var s = InProgress();
        FillRecord(s.Assessment);
        s.Assessment.SubmitReport(Guid.NewGuid(), "周评估师", Before);
        return s;
    }
}

internal sealed class FixedClock(DateTime utcNow) : IClock
{
    public DateTime UtcNow { get; } = utcNow;
}
