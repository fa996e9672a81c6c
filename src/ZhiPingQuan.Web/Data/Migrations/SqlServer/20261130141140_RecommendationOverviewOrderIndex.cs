using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZhiPingQuan.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RecommendationOverviewOrderIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_Overview_Order",
                table: "Recommendations",
                columns: new[] { "ProgrammeYearId", "RecommendingUnitId", "DistrictFundedOnly", "RecommendedAtUtc", "EnterpriseName", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Recommendations_Overview_Order",
                table: "Recommendations");
        }
    }
}
