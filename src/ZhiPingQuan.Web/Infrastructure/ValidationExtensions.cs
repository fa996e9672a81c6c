using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ZhiPingQuan.Web.Infrastructure;

public static class ValidationExtensions
{
    /// <summary>
    /// Runs a FluentValidation validator (async rules included — auto-validation cannot run them)
    /// and copies its Chinese messages into ModelState. Returns true when the form is valid.
    /// </summary>
    public static async Task<bool> ValidateIntoAsync<T>(this IValidator<T> validator, T form, ModelStateDictionary modelState, string prefix = "")
    {
        var result = await validator.ValidateAsync(form);
        foreach (var error in result.Errors)
        {
            var key = string.IsNullOrEmpty(prefix) ? error.PropertyName : $"{prefix}.{error.PropertyName}";
            modelState.AddModelError(key, error.ErrorMessage);
        }
        return modelState.IsValid;
    }
}
