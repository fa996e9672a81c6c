using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Web.Infrastructure;

/// <summary>
/// A refused business rule, or a record changed by someone else meanwhile, ends the request with
/// a Chinese explanation and nothing saved (the action threw before SaveChanges, or SaveChanges
/// itself refused). Actions that re-show their form run the change through <see cref="DomainRefusals.TryAsync(ModelStateDictionary, Func{Task})"/>.
/// </summary>
public sealed class DomainExceptionFilter(ITempDataDictionaryFactory tempDataFactory, IModelMetadataProvider metadata) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        var (status, message) = context.Exception switch
        {
            DomainException e => (StatusCodes.Status400BadRequest, e.Message),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "该记录已被他人修改，您的操作未保存。请刷新页面查看最新内容后重试。"),
            _ => (0, string.Empty),
        };
        if (status == 0)
        {
            return;
        }
        var viewData = new ViewDataDictionary<RefusalModel>(metadata, context.ModelState) { Model = new RefusalModel(message) };
        context.Result = new ViewResult
        {
            ViewName = "~/Features/Errors/Refused.cshtml",
            ViewData = viewData,
            TempData = tempDataFactory.GetTempData(context.HttpContext),
            StatusCode = status,
        };
        context.ExceptionHandled = true;
    }
}

/// <summary>The refusal page's model: what was refused, in Chinese.</summary>
public sealed record RefusalModel(string Message);
