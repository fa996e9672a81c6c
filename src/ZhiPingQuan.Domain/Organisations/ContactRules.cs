using System.Net.Mail;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Organisations;

/// <summary>
/// The one definition of the contact fields (联系人/联系电话/电子邮箱) of every organisation that has them:
/// the entities refuse what breaks them, and the registry forms and the batch-list import ask the same
/// functions first, so a phone the form refuses is refused by the import too.
/// Each <c>…Error</c> function answers null when the value is acceptable (blank included: the fields are optional).
/// </summary>
public static class ContactRules
{
    public const int MaxNameLength = 50;
    public const int MaxPhoneLength = 50;
    public const int MaxEmailLength = 200;

    public static string? NameError(string? name) => LengthError(name, MaxNameLength, "联系人");

    /// <summary>Digits, spaces, "-", "+" and brackets (half- or full-width): "021-12345678", "+86 (21) 1234 5678".</summary>
    public static string? PhoneError(string? phone)
    {
        if (LengthError(phone, MaxPhoneLength, "联系电话") is { } tooLong)
        {
            return tooLong;
        }
        var v = Trimmed(phone);
        return v is null || v.All(IsPhoneCharacter) ? null : "联系电话只能包含数字、空格、“-”“+”和括号。";
    }

    public static string? EmailError(string? email)
    {
        if (LengthError(email, MaxEmailLength, "电子邮箱") is { } tooLong)
        {
            return tooLong;
        }
        var v = Trimmed(email);
        return v is null || (MailAddress.TryCreate(v, out var address) && address.Address == v) ? null : $"电子邮箱“{v}”格式不正确。";
    }

    /// <summary>"{field}不能超过{max}个字符。" for an optional free-text field (measured after trimming), else null.</summary>
    public static string? LengthError(string? value, int maxLength, string field) =>
        Trimmed(value) is { } v && v.Length > maxLength ? $"{field}不能超过{maxLength}个字符。" : null;

    /// <summary>The value as stored: trimmed, null when blank; throws with the rule's message when it is refused.</summary>
    internal static string? Optional(string? value, int maxLength, string field) =>
        Accept(value, LengthError(value, maxLength, field));

    internal static string? Name(string? value) => Accept(value, NameError(value));

    internal static string? Phone(string? value) => Accept(value, PhoneError(value));

    internal static string? Email(string? value) => Accept(value, EmailError(value));

    private static string? Accept(string? value, string? error) =>
        error is null ? Trimmed(value) : throw new DomainException(error);

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsPhoneCharacter(char c) => c is (>= '0' and <= '9') or '+' or '-' or '(' or ')' or '（' or '）' or ' ';
}
