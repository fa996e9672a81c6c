using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Seeding;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.Assessments.AssessmentArrange;

namespace ZhiPingQuan.Web.Tests.Assessments;

/// <summary>
/// An assessment's history shows each reader only what they may see (docs/domain.md §5 Audit trail): the agency the
/// task was reassigned to never reads the first agency's scores or staff, and the enterprise reads no score, level or
/// return reason before its assessment is confirmed — on any page.
/// </summary>
public abstract class HistoryVisibilityTests(AssessmentPortal portal)
{
    private const string SecretScore = "3.87";
    private const string SecretStaff = "钱保密、孙保密";

    [Fact]
    public async Task After_a_reassignment_the_new_agency_reads_nothing_of_the_first_agencys_record()
    {
        var id = await AssessmentAsync(portal, agencyName: DemoDataSeeder.AgencyAName);
        var agencyA = await portal.SignedInAsync(AgencyA);
        AssertRedirect(await agencyA.SaveRecordAsync(id, new Dictionary<string, string>
        {
            ["StartDate"] = "2023-09-01",
            ["Assessors"] = SecretStaff,
            ["Score"] = SecretScore,
            ["StatedLevel"] = nameof(MaturityLevel.Four),
        }), $"/Assessments/Record/{id}");

        var district = await portal.SignedInAsync(PudongDistrict);
        var agencyBId = await portal.WithDbAsync(db => db.ServiceAgencies.Where(a => a.Name == DemoDataSeeder.AgencyBName).Select(a => a.Id).FirstAsync());
        var reassignPage = await district.GetStringAsync($"/Assignments/Reassign/{id}");
        AssertRedirect(await district.PostFormAsync($"/Assignments/Reassign/{id}", $"/Assignments/Reassign/{id}", new Dictionary<string, string>
        {
            ["AgencyId"] = agencyBId.ToString(),
            ["Reason"] = "原机构人员调整",
            ["Version"] = HiddenVersion(reassignPage, "Version"),
        }), $"/Assignments/Details/{id}");

        var agencyB = await portal.SignedInAsync(AgencyB);
        var details = Text(await agencyB.GetStringAsync($"/Assignments/Details/{id}"));
        Assert.Contains("改派评估机构", details);
        Assert.DoesNotContain(SecretScore, details);
        Assert.DoesNotContain("钱保密", details);
        Assert.DoesNotContain("保存评估记录", details);
        Assert.DoesNotContain(DemoDataSeeder.AgencyAName, details);

        // The district still reads the whole history (without values: the audit lines never carry them).
        var forDistrict = Text(await district.GetStringAsync($"/Assignments/Details/{id}"));
        Assert.Contains("保存评估记录", forDistrict);
        Assert.DoesNotContain(SecretScore, forDistrict);
        Assert.DoesNotContain("钱保密", forDistrict);

        // Once B has accepted, its record page's history starts with its own assignment too.
        await portal.WithDbAsync(async db =>
        {
            var a = await db.Assessments.FirstAsync(x => x.Id == id);
            a.ConfirmByEnterprise("测试企业联系人", AssessmentPortal.Now);
            a.DeclareConflict(false, null, "测试评估师", AssessmentPortal.Now);
            a.Start("测试评估师", AssessmentPortal.Now);
            return await db.SaveChangesAsync();
        });
        var recordPage = await agencyB.GetStringAsync($"/Assessments/Record/{id}");
        var record = Text(recordPage);
        Assert.DoesNotContain(SecretScore, record);
        Assert.DoesNotContain("钱保密", record);
        // The page has a "保存评估记录" button; the history list itself holds no such line of the first agency.
        var history = Text(recordPage[recordPage.IndexOf("data-testid=\"history\"", StringComparison.Ordinal)..]);
        Assert.Contains("改派评估机构", history);
        Assert.DoesNotContain("保存评估记录", history);
    }

    [Fact]
    public async Task The_enterprise_reads_no_score_level_or_return_reason_before_confirmation()
    {
        var id = await AssessmentAsync(portal, enterpriseName: DemoDataSeeder.EnterpriseAName);
        await CompleteRecordAsync(portal, id, score: 3.20m, level: MaturityLevel.Three);
        var agency = await portal.SignedInAsync(AgencyA);
        AssertRedirect(await agency.SubmitReportAsync(id, Pdf("报告")), $"/Assessments/");
        var thirdParty = await portal.SignedInAsync(ThirdParty);
        const string reason = "现场照片缺失请补充XYZ";
        AssertRedirect(await thirdParty.PostWithPageVersionAsync($"/Assessments/Details/{id}", $"/Assessments/Return/{id}",
            new Dictionary<string, string> { ["reasons"] = reason }), $"/Assessments/");

        var enterprise = await portal.SignedInAsync(EnterpriseA);
        foreach (var url in new[] { $"/Assignments/Details/{id}", "/Assignments/Mine", $"/Assessments/Details/{id}", "/" })
        {
            var page = Text(await enterprise.GetStringAsync(url));
            Assert.DoesNotContain("3.20", page);
            Assert.DoesNotContain("三级（集成级）", page);
            Assert.DoesNotContain(reason, page);
        }
    }
}

[Collection("sqlite")]
public sealed class HistoryVisibilityTests_Sqlite(AssessmentSqlitePortal portal) : HistoryVisibilityTests(portal), IClassFixture<AssessmentSqlitePortal>;

[Collection("postgres")]
public sealed class HistoryVisibilityTests_Postgres(AssessmentPostgresPortal portal) : HistoryVisibilityTests(portal), IClassFixture<AssessmentPostgresPortal>;
