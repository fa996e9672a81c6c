using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZhiPingQuan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecommendationEnterpriseCodeCopy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EnterpriseCreditCode",
                table: "Recommendations",
                type: "TEXT",
                maxLength: 18,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql(Shared.RecommendationEnterpriseCopyData.BackfillCreditCode);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EnterpriseCreditCode",
                table: "Recommendations");
        }
    }
}
