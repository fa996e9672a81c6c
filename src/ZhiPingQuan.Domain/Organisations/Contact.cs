using System.Net.Mail;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Organisations;

/// <summary>Checks shared by the organisations that carry a contact person (联系人/联系电话/电子邮箱).</summary>
internal static class Contact
{
    public static string? Optional(string? value, int maxLength, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var v = value.Trim();
        if (v.Length > maxLength)
        {
            throw new DomainException($"{field}不能超过{maxLength}个字符。");
        }
        return v;
    }

    public static string? Email(string? value)
    {
        var v = Optional(value, 200, "电子邮箱");
        if (v is not null && (!MailAddress.TryCreate(v, out var address) || address.Address != v))
        {
            throw new DomainException($"电子邮箱“{v}”格式不正确。");
        }
        return v;
    }
}
