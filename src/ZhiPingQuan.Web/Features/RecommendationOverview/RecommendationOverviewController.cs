using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Infrastructure.Excel;

namespace ZhiPingQuan.Web.Features.RecommendationOverview;

/// <summary>
/// 推荐汇总: every unit's recommendations for the commission, read-only for the third party. Districts
/// and enterprises have their own scoped pages; here they are refused by role (AccessDenied).
/// </summary>
[Authorize(Roles = $"{Roles.Commission},{Roles.ThirdParty}")]
public sealed class RecommendationOverviewController(RecommendationOverviewService overview, OverviewExport export) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] OverviewFilter filter, CancellationToken ct) => View(await overview.BuildAsync(filter, ct));

    /// <summary>The filtered list as .xlsx. The export is recorded: it takes enterprise data out of the portal.</summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] OverviewFilter filter, CancellationToken ct)
    {
        var workbook = await export.ExportAsync(filter, ct);
        return File(workbook.Content, SafeExcel.ContentType, workbook.FileName);
    }
}
