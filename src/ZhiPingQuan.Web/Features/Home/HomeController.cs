using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Web.Authorization;

namespace ZhiPingQuan.Web.Features.Home;

public sealed class HomeController(HomeDashboardService dashboards) : Controller
{
    [HttpGet]
    [NotAScopedId(nameof(yearId), "a programme year is reference data every role may read; the figures are limited to the user's unit by the service")]
    public async Task<IActionResult> Index(Guid? yearId, CancellationToken ct) => View(await dashboards.BuildAsync(User, yearId, ct));
}
