using Microsoft.AspNetCore.Http.Metadata;

namespace ZhiPingQuan.Web.Infrastructure;

/// <summary>
/// Every request body is limited to 1 MB unless its action says otherwise with <c>[RequestSizeLimit]</c> (the batch-list
/// import, the report upload, evidence files). Kestrel enforces the same limit while reading (set at start-up); this
/// middleware refuses a declared length at once — also where no Kestrel reads (the test host).
/// </summary>
public static class RequestBodyLimit
{
    public const long DefaultBytes = 1024 * 1024;

    /// <summary>After routing, so the action's own limit is known.</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var metadata = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
            var limit = metadata is null ? DefaultBytes : metadata.MaxRequestBodySize;
            if (limit is not null && context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            await next();
        });
}
