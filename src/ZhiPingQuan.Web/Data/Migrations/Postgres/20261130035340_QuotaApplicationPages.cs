using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZhiPingQuan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QuotaApplicationPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QuotaApplications_EnterpriseId_ProgrammeYearId",
                table: "QuotaApplications");

            migrationBuilder.DropColumn(
                name: "ChangesText",
                table: "SupplementRequests");

            migrationBuilder.AddColumn<string>(
                name: "ContentAtReturn",
                table: "SupplementRequests",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "SupplementRequests",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Subject",
                table: "SupplementRequestItems",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AddColumn<string>(
                name: "EvidenceKind",
                table: "SupplementRequestItems",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Target",
                table: "SupplementRequestItems",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<Guid>(
                name: "ReportFileId",
                table: "QuotaApplications",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ContactPhone",
                table: "QuotaApplications",
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30);

            migrationBuilder.AddColumn<string>(
                name: "BasesCode",
                table: "QuotaApplications",
                type: "character varying(20)",
                unicode: false,
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ReportCheckDetail",
                table: "QuotaApplications",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportCheckOutcome",
                table: "QuotaApplications",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SupplementChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SupplementRequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    SequenceNo = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Before = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    After = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    OldFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    NewFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupplementChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupplementChanges_SupplementRequests_SupplementRequestId",
                        column: x => x.SupplementRequestId,
                        principalTable: "SupplementRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QuotaApplications_EnterpriseId_ProgrammeYearId",
                table: "QuotaApplications",
                columns: new[] { "EnterpriseId", "ProgrammeYearId" },
                unique: true,
                filter: "\"State\" <> 'Withdrawn'");

            migrationBuilder.CreateIndex(
                name: "IX_SupplementChanges_SupplementRequestId_SequenceNo",
                table: "SupplementChanges",
                columns: new[] { "SupplementRequestId", "SequenceNo" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SupplementChanges");

            migrationBuilder.DropIndex(
                name: "IX_QuotaApplications_EnterpriseId_ProgrammeYearId",
                table: "QuotaApplications");

            migrationBuilder.DropColumn(
                name: "ContentAtReturn",
                table: "SupplementRequests");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "SupplementRequests");

            migrationBuilder.DropColumn(
                name: "EvidenceKind",
                table: "SupplementRequestItems");

            migrationBuilder.DropColumn(
                name: "Target",
                table: "SupplementRequestItems");

            migrationBuilder.DropColumn(
                name: "BasesCode",
                table: "QuotaApplications");

            migrationBuilder.DropColumn(
                name: "ReportCheckDetail",
                table: "QuotaApplications");

            migrationBuilder.DropColumn(
                name: "ReportCheckOutcome",
                table: "QuotaApplications");

            migrationBuilder.AddColumn<string>(
                name: "ChangesText",
                table: "SupplementRequests",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Subject",
                table: "SupplementRequestItems",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(300)",
                oldMaxLength: 300);

            migrationBuilder.AlterColumn<Guid>(
                name: "ReportFileId",
                table: "QuotaApplications",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AlterColumn<string>(
                name: "ContactPhone",
                table: "QuotaApplications",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(50)",
                oldMaxLength: 50);

            migrationBuilder.CreateIndex(
                name: "IX_QuotaApplications_EnterpriseId_ProgrammeYearId",
                table: "QuotaApplications",
                columns: new[] { "EnterpriseId", "ProgrammeYearId" },
                unique: true);
        }
    }
}
