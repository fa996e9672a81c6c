using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Web.Infrastructure;

/// <summary>
/// The portal's one way of reporting a refused action (docs/architecture.md, "Failure"): the domain and the
/// services throw <see cref="DomainException"/> with a Chinese message. An action that re-shows its form
/// runs the change through <see cref="TryAsync"/>, which puts the message beside the field it names (or at
/// the top of the form); a button on a record's page, which redirects back to the page, runs it through
/// <see cref="TryAsync(ITempDataDictionary, string, Func{Task})"/>, which shows the message at the top of that page;
/// any other action lets it reach <see cref="DomainExceptionFilter"/>, which shows the refusal page. Nothing is saved
/// either way: the exception comes before or from the save.
/// </summary>
public static class DomainRefusals
{
    public static Task<bool> TryAsync(this ModelStateDictionary modelState, Func<Task> change) =>
        modelState.TryAsync(string.Empty, change);

    public static Task<T?> TryAsync<T>(this ModelStateDictionary modelState, Func<Task<T>> change) where T : class =>
        modelState.TryAsync(string.Empty, change);

    /// <summary>As <see cref="TryAsync(ModelStateDictionary, Func{Task})"/>; a refusal that names no field goes beside <paramref name="field"/>.</summary>
    public static async Task<bool> TryAsync(this ModelStateDictionary modelState, string field, Func<Task> change)
    {
        try
        {
            await change();
            return true;
        }
        catch (DomainException e)
        {
            modelState.AddModelError(e.Field ?? field, e.Message);
            return false;
        }
    }

    public static async Task<T?> TryAsync<T>(this ModelStateDictionary modelState, string field, Func<Task<T>> change) where T : class
    {
        try
        {
            return await change();
        }
        catch (DomainException e)
        {
            modelState.AddModelError(e.Field ?? field, e.Message);
            return null;
        }
    }

    /// <summary>
    /// For a button on a record's page that redirects back to it: a refusal becomes the page's error message after
    /// <paramref name="prefix"/> ("未确认："), and the caller says what succeeded only when this answers true.
    /// </summary>
    public static async Task<bool> TryAsync(this ITempDataDictionary tempData, string prefix, Func<Task> change)
    {
        try
        {
            await change();
            return true;
        }
        catch (DomainException e)
        {
            tempData["Error"] = prefix + e.Message;
            return false;
        }
    }
}
