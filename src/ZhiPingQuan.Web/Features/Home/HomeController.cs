using Microsoft.AspNetCore.Mvc;

namespace ZhiPingQuan.Web.Features.Home;

public sealed class HomeController(HomeDashboardService dashboards) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await dashboards.BuildAsync(User, ct));
}
