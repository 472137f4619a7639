package dev.weatheragent.deploy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * podSecurityContext and containerSecurityContext: the defaults are the restricted contexts, an override is
 * rendered as asked, and the pod policy tells a safe override from an unsafe one.
 */
class SecurityContextTest {

    private static final PodSecurityContext RESTRICTED_POD = new PodSecurityContextBuilder()
            .withRunAsNonRoot(true)
            .withRunAsUser(PodPolicy.APP_UID)
            .withRunAsGroup(PodPolicy.APP_UID)
            .withFsGroup(PodPolicy.APP_UID)
            .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
            .build();
    private static final SecurityContext RESTRICTED_CONTAINER = new SecurityContextBuilder()
            .withAllowPrivilegeEscalation(false)
            .withReadOnlyRootFilesystem(true)
            .withRunAsNonRoot(true)
            .withNewCapabilities().withDrop("ALL").endCapabilities()
            .build();

    @Test
    void defaultsAreTheRestrictedContexts() {
        Deployment d = Manifests.single(HelmChart.renderObjects("defaults"), Deployment.class);
        assertEquals(RESTRICTED_POD, pod(d));
        assertEquals(RESTRICTED_CONTAINER, container(d));
    }

    /** The openshift value set nulls the fixed ids; --set with null does the same. */
    @Test
    void openShiftLeavesTheIdsToThePlatformAndStaysRestricted() {
        PodSecurityContext withoutIds = new PodSecurityContextBuilder(RESTRICTED_POD)
                .withRunAsUser(null).withRunAsGroup(null).withFsGroup(null).build();
        TemplateCommand nullsBySet = HelmChart.template()
                .set("podSecurityContext.runAsUser", "null")
                .set("podSecurityContext.runAsGroup", "null")
                .set("podSecurityContext.fsGroup", "null");
        for (String rendered : List.of(HelmChart.render("openshift"), nullsBySet.call())) {
            PodPolicy.Workload w = Manifests.workload(Manifests.parse(rendered));
            Deployment d = w.deployment();

            assertEquals(withoutIds, pod(d));
            assertEquals(RESTRICTED_CONTAINER, container(d));
            assertEquals(List.of(), PodPolicy.violations(w, PodPolicy.Ids.PLATFORM_ASSIGNED));
            assertEquals(List.of(
                    "pod securityContext.runAsUser must be 10001 (the image's user), was null",
                    "pod securityContext.runAsGroup must be 10001 (the image's user), was null",
                    "pod securityContext.fsGroup must be 10001 (the image's user), was null"),
                    PodPolicy.violations(w), "the default policy still asks for the image's user");
        }
    }

    @Test
    void otherFieldsAreAddedAsGiven() {
        PodPolicy.Workload w = Manifests.workload(Manifests.parse(HelmChart.template()
                .set("podSecurityContext.supplementalGroups[0]", 2000)
                .set("podSecurityContext.fsGroupChangePolicy", "OnRootMismatch")
                .set("containerSecurityContext.seccompProfile.type", "RuntimeDefault")
                .call()));

        assertEquals(new PodSecurityContextBuilder(RESTRICTED_POD)
                .withSupplementalGroups(2000L).withFsGroupChangePolicy("OnRootMismatch").build(), pod(w.deployment()));
        assertEquals(new SecurityContextBuilder(RESTRICTED_CONTAINER)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build(),
                container(w.deployment()));
        assertEquals(List.of(), PodPolicy.violations(w));
    }

    /** An unsafe --set, the field it renders (read back from the Deployment), and the violation it must cause. */
    static Stream<Arguments> unsafeOverrides() {
        return Stream.of(
                unsafe("privilege escalation", Map.of("containerSecurityContext.allowPrivilegeEscalation", true),
                        d -> container(d).getAllowPrivilegeEscalation(), true, "allowPrivilegeEscalation must be false"),
                unsafe("privileged (which needs privilege escalation)", Map.of(
                                "containerSecurityContext.privileged", true,
                                "containerSecurityContext.allowPrivilegeEscalation", true),
                        d -> container(d).getPrivileged(), true, "container weather-agent: privileged"),
                unsafe("writable root filesystem", Map.of("containerSecurityContext.readOnlyRootFilesystem", false),
                        d -> container(d).getReadOnlyRootFilesystem(), false, "readOnlyRootFilesystem must be true"),
                unsafe("capability added", Map.of("containerSecurityContext.capabilities.add[0]", "NET_ADMIN"),
                        d -> container(d).getCapabilities().getAdd(), List.of("NET_ADMIN"), "capabilities.add must be empty"),
                unsafe("capabilities kept", Map.of("containerSecurityContext.capabilities.drop", "null"),
                        d -> container(d).getCapabilities().getDrop(), List.of(), "capabilities.drop must contain ALL"),
                unsafe("root allowed", Map.of("podSecurityContext.runAsNonRoot", false),
                        d -> pod(d).getRunAsNonRoot(), false, "runAsNonRoot must be true"),
                unsafe("runs as root", Map.of("podSecurityContext.runAsUser", 0),
                        d -> pod(d).getRunAsUser(), 0L, "runAsUser must be 10001"),
                unsafe("no seccomp filter", Map.of("podSecurityContext.seccompProfile.type", "Unconfined"),
                        d -> pod(d).getSeccompProfile().getType(), "Unconfined",
                        "seccompProfile.type must be RuntimeDefault"));
    }

    private static Arguments unsafe(String name, Map<String, Object> set, Function<Deployment, Object> field,
                                    Object rendered, String violation) {
        return arguments(name, set, field, rendered, violation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafeOverrides")
    void unsafeOverrideIsRenderedAsAskedAndCaughtByThePolicy(String name, Map<String, Object> set,
                                                             Function<Deployment, Object> field, Object rendered,
                                                             String violation) {
        TemplateCommand template = HelmChart.template();
        set.forEach(template::set);
        PodPolicy.Workload w = Manifests.workload(Manifests.parse(template.call()));

        assertEquals(rendered, field.apply(w.deployment()), name);
        List<String> violations = PodPolicy.violations(w);
        assertTrue(violations.stream().anyMatch(v -> v.contains(violation)),
                () -> name + ": expected a violation containing '" + violation + "', got " + violations);
    }

    private static PodSecurityContext pod(Deployment d) {
        return ChartTest.pod(d).getSecurityContext();
    }

    private static SecurityContext container(Deployment d) {
        return ChartTest.container(d).getSecurityContext();
    }
}
