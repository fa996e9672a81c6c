using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZhiPingQuan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EnterpriseDeclinesAgency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EnterpriseDeclineReason",
                table: "Assessments",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "EnterpriseDeclinedAtUtc",
                table: "Assessments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EnterpriseDeclinedBy",
                table: "Assessments",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EnterpriseDeclineReason",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "EnterpriseDeclinedAtUtc",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "EnterpriseDeclinedBy",
                table: "Assessments");
        }
    }
}
