using System.Text.Encodings.Web;
using System.Text.Unicode;
using GrantPortal.Web.Features.Account;
using GrantPortal.Web.Infrastructure.Database;
using GrantPortal.Web.Infrastructure.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;

namespace GrantPortal.Web.Infrastructure.Web;

public static class WebExtensions
{
    public static void AddPortalWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<PortalOptions>(builder.Configuration.GetSection(PortalOptions.Section));
        // Cyrillic goes out as text, not as &#x...; entities (still HTML-encoded where it matters).
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services
            .AddControllersWithViews(options =>
            {
                // Every POST, PUT and DELETE must carry the form's anti-forgery token.
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                options.Filters.Add<RequireTwoFactorSetupFilter>();
                options.ModelBinderProviders.Insert(0, new StringWithoutNulBinderProvider());
            })
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        builder.Services.AddSingleton<IConfigureOptions<MvcOptions>, LocalizedModelBindingMessages>();

        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "GrantPortal.Antiforgery";
            options.HeaderName = "X-CSRF-TOKEN";
        });
        builder.Services.AddDataProtection().SetApplicationName("GrantPortal");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DataProtectionKeyRepository(sp.GetRequiredService<IServiceScopeFactory>())));

        builder.Services.Configure<CookiePolicyOptions>(options =>
        {
            // Plain HTTP is only for a developer's machine; everywhere else cookies travel over HTTPS alone.
            options.Secure = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
    }

    public static void UsePortalPipeline(this WebApplication app)
    {
        // First: the client's address and scheme as the trusted proxy saw them (Security:TrustedProxies), for the
        // per-address limit of the account forms and for HTTPS redirection.
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        else
        {
            app.UseDeveloperExceptionPage();
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseCookiePolicy();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapControllers();
    }
}
