using ZhiPingQuan.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Excel;

namespace ZhiPingQuan.Web.Features.Redemptions;

/// <summary>
/// 额度兑付 (docs/domain.md §4.6). The commission lists redemptions (filters by year, batch, unit, agency and state, with
/// totals and the remaining budget), approves one or a ticked list after a confirmation page with the total, declines
/// with a reason, records payments one by one or by uploading the payment list back (preview, per-row errors, confirm),
/// and exports the list. The agency reads its own redemptions and payments and downloads its 兑付通知; another agency's
/// notice or redemption answers 404.
/// </summary>
[Authorize(Roles = $"{Roles.Commission},{Roles.Agency}")]
public sealed class RedemptionsController(RedemptionService service, ProgrammeChoices choices, RedemptionExports exports, PaymentListImport payments,
    IConfiguration configuration) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] RedemptionFilter filter, CancellationToken ct)
    {
        filter.YearId ??= await service.DefaultYearAsync(User, ct);
        var commission = User.IsInRole(Roles.Commission);
        return View(new RedemptionIndexModel
        {
            Filter = filter,
            Rows = await service.PageAsync(User, filter, ct),
            Totals = await service.TotalsAsync(User, filter, ct),
            Years = await choices.YearsAsync(ct),
            Batches = await choices.BatchesAsync(filter.YearId, ct),
            Units = commission ? await choices.UnitsAsync(ct) : [],
            Agencies = commission ? await service.AgencyChoicesAsync(ct) : [],
            NotRedeemable = commission ? await service.NotRedeemableAsync(filter.YearId, ct) : [],
            IsCommission = commission,
            Notices = await service.NoticeRowsAsync(User, filter, ct),
        });
    }

    [ScopedId<Redemption>]
    [HttpGet]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct) => await DetailsPageAsync(id, null, null, null, ct);

    /// <summary>The confirmation step: the ticked redemptions still waiting, their total, and the ones no longer waiting.</summary>
    [ScopedId<Redemption>(RecordAccess.Edit, "ids")]
    [HttpPost]
    [Authorize(Roles = Roles.Commission)]
    public async Task<IActionResult> ApproveConfirm(List<Guid>? ids, CancellationToken ct)
    {
        if (ids is null || ids.Count == 0)
        {
            TempData["Error"] = "请先在列表中勾选要批准的兑付。";
            return RedirectToAction(nameof(Index), new { state = RedemptionState.PendingApproval });
        }
        var (pending, other) = await service.CandidatesAsync(User, ids, ct);
        var years = pending.Select(r => r.YearId).Distinct().ToList();
        return View(new ApproveConfirmModel
        {
            Rows = pending,
            NotPending = other,
            // The budget line is shown when the list is of one year (the usual case).
            Totals = years.Count == 1 ? await service.TotalsAsync(User, new RedemptionFilter { YearId = years[0] }, ct) : null,
        });
    }

    /// <summary>Approves the confirmed list (or one redemption) in one step within the budget cap.</summary>
    [ScopedId<Redemption>(RecordAccess.Edit, "ids")]
    [HttpPost]
    [Authorize(Roles = Roles.Commission)]
    public async Task<IActionResult> Approve(List<Guid>? ids, CancellationToken ct)
    {
        var outcome = await service.ApproveAsync(User, ids ?? [], User.GetDisplayName(), ct);
        var message = outcome.Approved.Count > 0
            ? $"已批准{outcome.Approved.Count}笔兑付，合计{Display.Yuan(outcome.ApprovedAmount)}：{string.Join("、", outcome.Approved)}。已通知服务机构。"
            : "没有批准任何兑付。";
        if (outcome.AlreadyDone.Count > 0)
        {
            message += $"以下兑付已由他人处理，未重复批准：{string.Join("、", outcome.AlreadyDone)}。";
        }
        TempData[outcome.Approved.Count > 0 ? "Success" : "Error"] = message;
        if (ids is { Count: 1 })
        {
            return RedirectToAction(nameof(Details), new { id = ids[0] });
        }
        // Back to the list of the year approved (the list otherwise opens on the latest year, which may be another).
        var approvedYear = ids is { Count: > 0 } ? (await service.RowAsync(ids[0], ct))?.YearId : null;
        return RedirectToAction(nameof(Index), new { yearId = approvedYear });
    }

    [ScopedId<Redemption>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.Commission)]
    public async Task<IActionResult> Decline(Guid id, Guid? version, string? reason, CancellationToken ct)
    {
        var r = await service.FindAsync(id, ct);
        if (r is null)
        {
            return NotFound();
        }
        if (!await ModelState.TryAsync("reason", () => service.DeclineAsync(r, version, reason, User.GetDisplayName(), ct)))
        {
            return await DetailsPageAsync(id, reason, null, null, ct);
        }
        TempData["Success"] = "已决定不予兑付，原因已告知企业和服务机构。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<Redemption>(RecordAccess.Edit)]
    [HttpPost]
    [Authorize(Roles = Roles.Commission)]
    public async Task<IActionResult> RecordPayment(Guid id, Guid? version, DateOnly? paidOn, string? reference, CancellationToken ct)
    {
        var r = await service.FindAsync(id, ct);
        if (r is null)
        {
            return NotFound();
        }
        if (!await ModelState.TryAsync("reference", () => service.RecordPaymentAsync(r, version, paidOn, reference, User.GetDisplayName(), ct)))
        {
            return await DetailsPageAsync(id, null, paidOn, reference, ct);
        }
        TempData["Success"] = $"已登记支付：{Display.LongDate(paidOn!.Value)}，凭证号{reference?.Trim()}。已通知服务机构。";
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>The redemption/payment list of the filter as .xlsx (every page).</summary>
    [HttpGet]
    [Authorize(Roles = Roles.Commission)]
    public async Task<IActionResult> Export([FromQuery] RedemptionFilter filter, CancellationToken ct)
    {
        filter.YearId ??= await service.DefaultYearAsync(User, ct);
        var rows = await service.AllAsync(User, filter, ct);
        var totals = await service.TotalsAsync(User, filter, ct);
        await service.RecordExportAsync(totals.Year, rows.Count, ct);
        return File(exports.Xlsx(totals.Year, rows), SafeExcel.ContentType, RedemptionExports.ListFileName(totals.Year));
    }

    // ------------------------------------------------------------------------------------------ payment list

    [HttpGet]
    [Authorize(Roles = Roles.Commission)]
    [NotAScopedId("yearId", "项目年度：市经信委可查看所有年度")]
    public async Task<IActionResult> Payments(Guid? yearId, CancellationToken ct)
    {
        yearId ??= await service.DefaultYearAsync(User, ct);
        return View(new PaymentUploadModel { YearId = yearId, Years = await choices.YearsAsync(ct) });
    }

    [HttpPost]
    [Authorize(Roles = Roles.Commission)]
    [RequestSizeLimit(PaymentListImport.MaxBytes + 64 * 1024)]
    [NotAScopedId("yearId", "项目年度：市经信委可查看所有年度")]
    public async Task<IActionResult> PaymentsPreview(Guid yearId, IFormFile? file, CancellationToken ct)
    {
        var years = await choices.YearsAsync(ct);
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "请选择填写了支付日期和凭证号的支付清单（.xlsx）。");
            return View(nameof(Payments), new PaymentUploadModel { YearId = yearId, Years = years });
        }
        if (file.Length > PaymentListImport.MaxBytes)
        {
            ModelState.AddModelError("file", "文件过大：支付清单不超过5MB。");
            return View(nameof(Payments), new PaymentUploadModel { YearId = yearId, Years = years });
        }
        List<PaymentListRow>? rows = null;
        await using (var stream = file.OpenReadStream())
        {
            var buffered = new MemoryStream();
            await stream.CopyToAsync(buffered, ct);
            buffered.Position = 0;
            if (!await ModelState.TryAsync("file", async () =>
                {
                    rows = PaymentListImport.Read(buffered, file.FileName);
                    await payments.CheckAsync(yearId, rows, User.GetDisplayName(), ct);
                }))
            {
                return View(nameof(Payments), new PaymentUploadModel { YearId = yearId, Years = years });
            }
        }
        return View(new PaymentPreviewModel
        {
            YearId = yearId, Year = years.FirstOrDefault(y => y.Id == yearId)?.Name is { } n ? int.Parse(n[..4]) : 0,
            FileName = file.FileName, Rows = rows!,
        });
    }

    [HttpPost]
    [Authorize(Roles = Roles.Commission)]
    [NotAScopedId("yearId", "项目年度：市经信委可查看所有年度")]
    public async Task<IActionResult> PaymentsConfirm(Guid yearId, List<PaymentConfirmItem>? items, CancellationToken ct)
    {
        var count = await payments.ConfirmAsync(yearId, items ?? [], User.GetDisplayName(), ct);
        TempData["Success"] = $"已按支付清单登记{count}笔支付，已通知相关服务机构。";
        return RedirectToAction(nameof(Index), new { yearId });
    }

    // ------------------------------------------------------------------------------------------ notices

    /// <summary>The agency's 兑付通知 for a year (PDF). Another agency's answers 404 (the agency is outside its scope).</summary>
    [HttpGet]
    [ScopedId<ServiceAgency>(RecordAccess.Read, "agencyId")]
    [NotAScopedId("yearId", "项目年度：通知只列出该机构自己的兑付")]
    public async Task<IActionResult> Notice(Guid agencyId, Guid yearId, CancellationToken ct)
    {
        var (notice, agencyCode, rows) = await service.IssueNoticeAsync(User, agencyId, yearId, ct);
        var pdf = exports.NoticePdf(notice, agencyCode, rows, VerificationUrl(notice.VerificationCode), await service.CommissionNameAsync(ct));
        return File(pdf.Bytes, "application/pdf", RedemptionExports.NoticeFileName(notice));
    }

    /// <summary>The public check of a notice's code: which agency, year, how many enterprises and the total — no enterprise names.</summary>
    [AllowAnonymous]
    [HttpGet("/verify/notice/{code}")]
    public async Task<IActionResult> Verify(string code, [FromServices] VerificationAttempts attempts, CancellationToken ct)
    {
        // Wrong codes count against the same per-address budget as the summary tables' page: guessing is slowed, checking is not.
        var address = HttpContext.ClientAddressKey();
        if (attempts.IsBlocked(address))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return View(new NoticeVerificationModel
            {
                Code = code,
                Blocked = attempts.BlockedMessage,
            });
        }
        var notice = await service.VerifyNoticeAsync(code, ct);
        if (notice is null)
        {
            attempts.RecordFailure(address);
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return View(new NoticeVerificationModel { Code = code, Notice = notice });
    }

    private string VerificationUrl(string code)
    {
        var configured = configuration[ConfigKeys.PublicBaseUrl];
        var root = string.IsNullOrWhiteSpace(configured) ? $"{Request.Scheme}://{Request.Host}{Request.PathBase}" : configured.TrimEnd('/');
        return $"{root}/verify/notice/{code}";
    }

    private async Task<IActionResult> DetailsPageAsync(Guid id, string? reason, DateOnly? paidOn, string? reference, CancellationToken ct)
    {
        var row = await service.RowAsync(id, ct);
        if (row is null)
        {
            return NotFound();
        }
        return View(nameof(Details), new RedemptionDetailsModel
        {
            Row = row, IsCommission = User.IsInRole(Roles.Commission), Today = service.Today,
            PostedReason = reason, PostedPaidOn = paidOn, PostedReference = reference,
        });
    }
}
