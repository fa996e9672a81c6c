using ZhiPingQuan.Domain.Programmes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Excel;
using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.BatchImport;

/// <summary>
/// 批量导入 (docs/domain.md §4.1): a district downloads the template, uploads its list for an open batch, reads the
/// preview with every row's errors, and confirms (valid rows imported in one transaction) or cancels
/// (nothing written). The import belongs to the user's own unit: another unit's import id answers 404.
/// </summary>
[Authorize(Roles = Roles.District)]
public sealed class BatchImportController(
    BatchImportService imports,
    BatchImportStore store,
    BatchListReader reader,
    IClock clock,
    ILogger<BatchImportController> logger) : Controller
{
    /// <summary>The body of an upload may exceed the file by the multipart framing and the form fields.</summary>
    private const long MultipartAllowance = 64 * 1024;
    private const long MaxRequestBytes = 10L * 1024 * 1024 + MultipartAllowance;

    [ScopedId<Batch>(RecordAccess.Read, "batchId")]
    [HttpGet]
    public async Task<IActionResult> Index(Guid? batchId, CancellationToken ct)
    {
        var unitName = await imports.UnitNameAsync(User.RequireOrganisationId(), ct);
        if (unitName is null)
        {
            return NotFound();
        }
        return View(await IndexModelAsync(unitName, batchId, null, ct));
    }

    [HttpGet]
    public async Task<IActionResult> Template(CancellationToken ct)
    {
        var unitName = await imports.UnitNameAsync(User.RequireOrganisationId(), ct);
        if (unitName is null)
        {
            return NotFound();
        }
        return File(BatchListWorkbooks.Template(unitName), SafeExcel.ContentType, BatchListWorkbooks.TemplateFileName(unitName));
    }

    [ScopedId<Batch>(RecordAccess.Read, "batchId")]
    [HttpPost]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    [RefuseOversizedUpload(MaxRequestBytes)]
    public async Task<IActionResult> Upload(Guid? batchId, IFormFile? file, CancellationToken ct)
    {
        var unitId = User.RequireOrganisationId();
        var unitName = await imports.UnitNameAsync(unitId, ct);
        if (unitName is null)
        {
            return NotFound();
        }

        try
        {
            var batch = await imports.OpenBatchAsync(batchId, ct);
            if (file is null || file.Length == 0 || string.IsNullOrWhiteSpace(file.FileName))
            {
                throw new DomainException("请选择要上传的推荐名单文件（.xlsx、.xls、.et或.csv）。", nameof(file));
            }
            RefuseBySize(file.Length);
            StoredImport? stored;
            await using (var upload = file.OpenReadStream())
            {
                stored = await store.SaveAsync(unitId, batch.Id, file.FileName, upload, reader.Limits.MaxBytes, User.GetUserId(), User.GetDisplayName(), ct);
            }
            if (stored is null)
            {
                RefuseBySize(reader.Limits.MaxBytes + 1);
            }

            // The list is read and checked once, here: whole-file problems (not a workbook or CSV, damaged, no header,
            // too many rows) refuse the file, which is not kept; the rows' verdict is kept for the preview.
            BatchImportVerdict verdict;
            try
            {
                await using var content = store.OpenUpload(stored!);
                verdict = await imports.CheckUploadAsync(content, stored!, batch, ct);
            }
            catch (DomainException)
            {
                store.DeleteUpload(unitId, stored!.Id);
                throw;
            }
            await store.SaveVerdictAsync(stored!, verdict, ct);
            return RedirectToAction(nameof(Preview), new { id = stored!.Id });
        }
        catch (DomainException e)
        {
            return RefuseUpload(await IndexModelAsync(unitName, batchId, e.Message, ct));
        }
    }

    private void RefuseBySize(long length)
    {
        if (reader.SizeError(length) is { } error)
        {
            throw new DomainException(error, "file");
        }
    }

    /// <summary>A page of the verdict kept at upload (all rows, or only those with errors): the file is not read again.</summary>
    [NotAScopedId("id", "待确认的导入：只在本单位自己的待确认导入中查找")]
    [HttpGet]
    public async Task<IActionResult> Preview(Guid id, bool errors = false, int page = 1, CancellationToken ct = default)
    {
        var (stored, verdict) = await FindPendingAsync(id, ct);
        if (stored is null || verdict is null)
        {
            return NotFound();
        }
        var batch = await imports.FindBatchAsync(stored.BatchId, ct);
        if (batch is null)
        {
            return NotFound();
        }
        var shown = errors ? verdict.Rows.Where(r => !r.IsValid).ToList() : verdict.Rows;
        // The domain's refusal, shown before the district tries to confirm.
        var closed = batch.IsOpen ? null : Batch.ClosedMessage(batch.Title, batch.Deadline, BatchImportService.ImportAction);
        return View(new BatchImportPreviewModel
        {
            Import = stored, Batch = batch, Verdict = verdict, OnlyErrors = errors, Closed = closed,
            Rows = PagedList<BatchRowCheck>.Create(shown, page, BatchImportPreviewModel.RowsPerPage),
        });
    }

    [NotAScopedId("id", "待确认的导入：只在本单位自己的待确认导入中查找")]
    [HttpPost]
    public async Task<IActionResult> Confirm(Guid id, CancellationToken ct)
    {
        var (stored, verdict) = await FindPendingAsync(id, ct);
        if (stored is null || verdict is null)
        {
            return NotFound();
        }
        BatchImportOutcome outcome;
        string batchTitle;
        try
        {
            outcome = await imports.ImportAsync(stored, verdict, User.GetDisplayName(), ct);
            batchTitle = (await imports.FindBatchAsync(stored.BatchId, ct))!.Title;
        }
        catch (BatchImportChangedException e)
        {
            // Nothing was written; the preview now shows the list as it checks today.
            await store.SaveVerdictAsync(stored, e.Verdict, ct);
            TempData["Error"] = "未导入任何数据：" + e.Message;
            return RedirectToAction(nameof(Preview), new { id });
        }
        catch (DomainException e)
        {
            TempData["Error"] = "未导入任何数据：" + e.Message;
            return RedirectToAction(nameof(Preview), new { id });
        }
        catch (DbUpdateException e)
        {
            // The transaction rolled back: not one row of the list was written.
            logger.LogWarning(e, "批量导入 {ImportId} 保存失败，已整体回滚", id);
            TempData["Error"] = "导入失败，未写入任何数据：数据库拒绝了保存（可能有其他用户同时登记或推荐了名单中的企业）。请刷新预览，核对后重新确认。";
            return RedirectToAction(nameof(Preview), new { id });
        }

        await store.SaveOutcomeAsync(new ImportResultRecord(stored.Id, stored.UnitId, stored.BatchId, batchTitle, stored.FileName,
            outcome.Created, outcome.Updated, outcome.NewEnterprises, outcome.Invalid, clock.UtcNow, User.GetDisplayName()), outcome.ErrorWorkbook, ct);
        store.DeleteUpload(stored.UnitId, stored.Id);
        TempData["Success"] = $"已导入{outcome.Created + outcome.Updated}家企业（新增推荐{outcome.Created}、更新推荐{outcome.Updated}）。";
        return RedirectToAction(nameof(Result), new { id });
    }

    [HttpPost]
    [NotAScopedId("id", "待确认的导入：只在本单位自己的待确认导入中查找")]
    public IActionResult Cancel(Guid id)
    {
        var stored = store.Find(User.RequireOrganisationId(), id);
        if (stored is null)
        {
            return NotFound();
        }
        store.DeleteUpload(stored.UnitId, stored.Id);
        TempData["Success"] = $"已取消导入“{stored.FileName}”，未写入任何数据。";
        return RedirectToAction(nameof(Index), new { batchId = stored.BatchId });
    }

    /// <summary>The invalid rows with 错误原因: from the verdict while the upload is pending, as saved once confirmed.</summary>
    [NotAScopedId("id", "待确认的导入：只在本单位自己的待确认导入中查找")]
    [HttpGet]
    public async Task<IActionResult> Errors(Guid id, CancellationToken ct)
    {
        var unitId = User.RequireOrganisationId();
        var (stored, verdict) = await FindPendingAsync(id, ct);
        if (stored is not null)
        {
            return verdict is null
                ? NotFound()
                : File(BatchImportService.ErrorWorkbook(verdict), SafeExcel.ContentType, BatchListWorkbooks.ErrorFileName(stored.FileName));
        }

        var result = store.FindResult(unitId, id);
        var saved = result is null ? null : store.FindSavedErrorWorkbook(unitId, id);
        if (saved is null)
        {
            return NotFound();
        }
        return File(saved, SafeExcel.ContentType, BatchListWorkbooks.ErrorFileName(result!.FileName));
    }

    [HttpGet]
    [NotAScopedId("id", "待确认的导入：只在本单位自己的待确认导入中查找")]
    public IActionResult Result(Guid id)
    {
        var unitId = User.RequireOrganisationId();
        var result = store.FindResult(unitId, id);
        if (result is null)
        {
            return NotFound();
        }
        return View(new BatchImportResultModel { Result = result, HasErrorWorkbook = store.FindSavedErrorWorkbook(unitId, id) is not null });
    }

    /// <summary>The unit's own pending upload with this id and the verdict kept for it (either null when gone).</summary>
    private async Task<(StoredImport? Stored, BatchImportVerdict? Verdict)> FindPendingAsync(Guid id, CancellationToken ct)
    {
        var stored = store.Find(User.RequireOrganisationId(), id);
        return stored is null ? (null, null) : (stored, await store.FindVerdictAsync(stored, ct));
    }

    private ViewResult RefuseUpload(BatchImportIndexModel model)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Index), model);
    }

    private async Task<BatchImportIndexModel> IndexModelAsync(string unitName, Guid? batchId, string? error, CancellationToken ct)
    {
        var batches = await imports.BatchesAsync(ct);
        return new BatchImportIndexModel
        {
            UnitName = unitName,
            Batches = batches,
            SelectedBatchId = batchId is { } b && batches.Any(x => x.Id == b && x.IsOpen) ? b : batches.FirstOrDefault(x => x.IsOpen)?.Id,
            Error = error,
            MaxSizeText = reader.Limits.MaxSizeText,
            MaxRows = reader.Limits.MaxRows,
        };
    }
}

/// <summary>
/// Answers an upload whose declared length is over the limit before its body is read — the antiforgery
/// check would otherwise read (and buffer) the whole form first. Runs after sign-in is checked (order 0)
/// and before antiforgery (order 1000).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RefuseOversizedUploadAttribute(long maxRequestBytes) : Attribute, IAuthorizationFilter, IOrderedFilter
{
    public int Order => 500;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var length = context.HttpContext.Request.ContentLength;
        if (length is null || length <= maxRequestBytes || context.HttpContext.User.Identity?.IsAuthenticated != true)
        {
            return;
        }
        var services = context.HttpContext.RequestServices;
        var reader = services.GetRequiredService<BatchListReader>();
        var tempData = services.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context.HttpContext);
        tempData["Error"] = reader.SizeError(length.Value);
        tempData.Save();
        // The client may still be sending: on HTTP/1.1 close the connection after this answer rather than drain it.
        if (HttpProtocol.IsHttp11(context.HttpContext.Request.Protocol))
        {
            context.HttpContext.Response.Headers.Connection = "close";
        }
        context.Result = new RedirectToActionResult(nameof(BatchImportController.Index), "BatchImport", null);
    }
}
