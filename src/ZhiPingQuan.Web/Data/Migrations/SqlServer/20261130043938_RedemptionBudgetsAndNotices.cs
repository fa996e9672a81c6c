using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZhiPingQuan.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RedemptionBudgetsAndNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RedemptionBudgets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProgrammeYearId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CommittedFen = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RedemptionBudgets", x => x.Id);
                    table.CheckConstraint("CK_RedemptionBudgets_CommittedFen", "\"CommittedFen\" >= 0");
                    table.ForeignKey(
                        name: "FK_RedemptionBudgets_ProgrammeYears_ProgrammeYearId",
                        column: x => x.ProgrammeYearId,
                        principalTable: "ProgrammeYears",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RedemptionNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AgencyName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ProgrammeYearId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false),
                    Total = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    ContentHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    VerificationCode = table.Column<string>(type: "nvarchar(12)", maxLength: 12, nullable: false),
                    IssuedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RedemptionNotices", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RedemptionBudgets_ProgrammeYearId",
                table: "RedemptionBudgets",
                column: "ProgrammeYearId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RedemptionNotices_AgencyId_ProgrammeYearId_ContentHash",
                table: "RedemptionNotices",
                columns: new[] { "AgencyId", "ProgrammeYearId", "ContentHash" });

            migrationBuilder.CreateIndex(
                name: "IX_RedemptionNotices_VerificationCode",
                table: "RedemptionNotices",
                column: "VerificationCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RedemptionBudgets");

            migrationBuilder.DropTable(
                name: "RedemptionNotices");
        }
    }
}
