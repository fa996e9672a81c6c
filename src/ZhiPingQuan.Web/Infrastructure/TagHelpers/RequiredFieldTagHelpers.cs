using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ZhiPingQuan.Web.Infrastructure.TagHelpers;

/// <summary>
/// Marks a field that must be filled in whose check is a custom rule rather than NotEmpty (the credit code: its own
/// parser names what is wrong, an empty code included), so that its label is marked like the others.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FilledInAttribute : Attribute;

/// <summary>
/// Whether a form field must be filled in, read from the form's own rules: a <see cref="RequiredAttribute"/> on the
/// property, or an unconditional NotEmpty/NotNull rule of the form's FluentValidation validator. The views never
/// repeat it, so a mark cannot drift from the rule.
/// </summary>
public static class RequiredFields
{
    private static readonly ConcurrentDictionary<(Type, string), bool> Known = new();

    public static bool IsRequired(ModelExpression field, IServiceProvider services)
    {
        var metadata = field.Metadata;
        if (metadata.ContainerType is not { } container || metadata.PropertyName is not { } property)
        {
            return false;
        }
        return Known.GetOrAdd((container, property), key =>
            metadata.ValidatorMetadata.OfType<RequiredAttribute>().Any()
            || container.GetProperty(property)?.IsDefined(typeof(FilledInAttribute), inherit: true) == true
            || HasNotEmptyRule(key.Item1, key.Item2, services));
    }

    private static bool HasNotEmptyRule(Type container, string property, IServiceProvider services)
    {
        if (services.GetService(typeof(IValidator<>).MakeGenericType(container)) is not IValidator validator)
        {
            return false;
        }
        return validator.CreateDescriptor().GetValidatorsForMember(property)
            .Any(v => v.Validator is INotEmptyValidator or INotNullValidator && !v.Options.HasCondition && !v.Options.HasAsyncCondition);
    }

    /// <summary>The visible star and the words a screen reader says in its place.</summary>
    public static void AppendMark(TagHelperOutput output)
    {
        var mark = new TagBuilder("span");
        mark.AddCssClass("required-mark");
        mark.Attributes["aria-hidden"] = "true";
        mark.InnerHtml.Append("*");
        var words = new TagBuilder("span");
        words.AddCssClass("visually-hidden");
        words.InnerHtml.Append("（必填）");
        output.PostContent.AppendHtml(mark);
        output.PostContent.AppendHtml(words);
    }
}

/// <summary>
/// Marks the label of a required field with a red star and "（必填）" for screen readers, and gives the label the class
/// <c>required</c>: automatically for <c>&lt;label asp-for&gt;</c> (the form's rules decide), and for a label of a field
/// without a model property by <c>&lt;label for="reason" required-field&gt;</c>.
/// </summary>
[HtmlTargetElement("label", Attributes = "asp-for")]
[HtmlTargetElement("label", Attributes = "required-field")]
public sealed class RequiredLabelTagHelper(IServiceProvider services) : TagHelper
{
    /// <summary>After the built-in label tag helper, which writes the display name.</summary>
    public override int Order => 100;

    [HtmlAttributeName("asp-for")]
    public ModelExpression? For { get; set; }


    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        // "required-field" is present, without a value, on the label of a field that must be filled in.
        var marked = output.Attributes.RemoveAll("required-field");
        var required = marked || (For is not null && RequiredFields.IsRequired(For, ViewContext.HttpContext.RequestServices ?? services));
        if (!required)
        {
            return;
        }
        output.AddClass("required", System.Text.Encodings.Web.HtmlEncoder.Default);
        RequiredFields.AppendMark(output);
    }
}

/// <summary>Gives a required field's input <c>aria-required="true"</c> by the same rule as its label's mark.</summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class RequiredInputTagHelper(IServiceProvider services) : TagHelper
{
    public override int Order => 100;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (output.Attributes["type"]?.Value?.ToString() is "hidden" or "checkbox" or "radio" or "file")
        {
            return;
        }
        if (RequiredFields.IsRequired(For, ViewContext.HttpContext.RequestServices ?? services))
        {
            output.Attributes.SetAttribute("aria-required", "true");
        }
    }
}
