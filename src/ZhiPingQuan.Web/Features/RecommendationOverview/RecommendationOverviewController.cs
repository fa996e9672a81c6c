using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Excel;

namespace ZhiPingQuan.Web.Features.RecommendationOverview;

/// <summary>
/// 推荐汇总: every unit's recommendations for the commission, read-only for the third party. Districts
/// and enterprises have their own scoped pages; here they are refused by role (AccessDenied).
/// </summary>
[Authorize(Roles = $"{Roles.Commission},{Roles.ThirdParty}")]
public sealed class RecommendationOverviewController(
    RecommendationOverviewService overview,
    AppDbContext db,
    IAuditTrail audit) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] OverviewFilter filter) => View(await overview.BuildAsync(filter));

    /// <summary>The filtered list as .xlsx. The export is recorded: it takes enterprise data out of the portal.</summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] OverviewFilter filter)
    {
        var (content, fileName, municipal, districtFunded) = await overview.ExportAsync(filter);
        audit.Record(AuditAction.RecommendationOverviewExported, nameof(Recommendation), null,
            detail: $"{await overview.DescribeAsync(filter)}；市级推荐{municipal}家，区级叠加支持{districtFunded}家");
        await db.SaveChangesAsync();
        return File(content, SafeExcel.ContentType, fileName);
    }
}
