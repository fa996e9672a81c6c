using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.SummaryTables;

/// <summary>
/// 汇总表核验 — the public page behind the code and QR code printed on a submitted table (docs/domain.md §4.3): no
/// sign-in. It says whether the code belongs to a submitted revision, which unit, batch and revision, how many rows,
/// when each party sealed, the content hash, whether the platform's SM2 signature over it holds for the rows as stored
/// now, and whether that revision is still current. It never shows an enterprise. Wrong codes are counted per address
/// (<see cref="VerificationAttempts"/>).
/// </summary>
[AllowAnonymous]
[Route("verify")]
public sealed class VerificationController(SummaryTableService service, VerificationAttempts attempts) : Controller
{
    private const string FormView = "~/Features/SummaryTables/Verify.cshtml";
    private const string ResultView = "~/Features/SummaryTables/Verified.cshtml";

    [HttpGet("")]
    public IActionResult Index(string? code)
    {
        if (!string.IsNullOrWhiteSpace(code))
        {
            return RedirectToAction(nameof(Code), new { code = SummaryTable.NormaliseVerificationCode(code) });
        }
        return View(FormView, new VerificationFormModel());
    }

    [HttpGet("{code}")]
    public async Task<IActionResult> Code(string code, CancellationToken ct)
    {
        var address = HttpContext.ClientAddressKey();
        if (attempts.IsBlocked(address))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return View(FormView, new VerificationFormModel
            {
                Blocked = attempts.BlockedMessage,
            });
        }
        var normalised = SummaryTable.NormaliseVerificationCode(code);
        if (await service.VerifyAsync(normalised, ct) is not var (table, latest))
        {
            attempts.RecordFailure(address);
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View(ResultView, new VerificationModel { Code = code, Found = false });
        }
        return View(ResultView, new VerificationModel
        {
            Code = SummaryTable.FormatVerificationCode(normalised),
            Found = true,
            UnitName = table.UnitName,
            Year = table.Year,
            BatchName = table.BatchName,
            Revision = table.Revision,
            RowCount = table.Rows.Count,
            SubmittedAtUtc = table.SubmittedAtUtc,
            Seals = table.ActiveSeals.OrderBy(s => s.Party).Select(s => (s.Party.ToChinese(), s.OrganisationName, s.AtUtc)).ToList(),
            ContentHash = table.SubmittedContentHash!,
            Signature = service.CheckSignature(table),
            KeyFingerprint = table.SignatureKeyFingerprint,
            IsCurrent = table.IsCurrent,
            LatestRevision = latest,
            ReopenedAtUtc = table.ReopenedAtUtc,
        });
    }
}
