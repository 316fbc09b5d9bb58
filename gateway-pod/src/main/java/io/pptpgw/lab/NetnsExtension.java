package io.pptpgw.lab;

import io.pptpgw.lab.topology.Topologies;
import io.pptpgw.lab.topology.Topology;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The JUnit side of {@link LabTopology}: builds the lab before each test (or, {@link LabTopology#shared() shared},
 * before the class), hands it to a {@link Lab} parameter, prints its live state (addresses, routes, rules) when a
 * test fails, and closes it after the test (or the class) whatever happened. Tests are skipped, with the reason,
 * where {@link Preflight} finds the lab cannot run.
 */
public final class NetnsExtension
        implements BeforeAllCallback, BeforeEachCallback, ParameterResolver, TestExecutionExceptionHandler {
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(NetnsExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<LabTopology> onClass =
                AnnotationSupport.findAnnotation(context.getRequiredTestClass(), LabTopology.class);
        if (onClass.isPresent() && onClass.get().shared()) {
            buildInto(context, onClass.get());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<LabTopology> onMethod =
                context.getTestMethod().flatMap(method -> AnnotationSupport.findAnnotation(method, LabTopology.class));
        Optional<LabTopology> annotation = onMethod.isPresent()
                ? onMethod
                : AnnotationSupport.findAnnotation(context.getRequiredTestClass(), LabTopology.class)
                        .filter(onClass -> !onClass.shared());
        annotation.ifPresent(topology -> buildInto(context, topology));
    }

    /** The store closes the lab (an AutoCloseable) when its context (the test's or the class's) closes. */
    private static void buildInto(ExtensionContext context, LabTopology annotation) {
        List<String> problems = Preflight.problems();
        Assumptions.assumeTrue(problems.isEmpty(), () -> "network lab unavailable: " + String.join("; ", problems));
        Topology topology = topology(annotation.value(), context.getRequiredTestClass());
        context.getStore(STORE).put(Lab.class, Lab.build(topology));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Lab lab = context.getStore(STORE).get(Lab.class, Lab.class);
        if (lab == null) {
            throw new ParameterResolutionException("a Lab parameter needs @LabTopology on the test method or class ("
                    + context.getDisplayName() + " has none); @BeforeAll methods get one only from"
                    + " @LabTopology(shared = true) on the class");
        }
        return lab;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Lab lab = context.getStore(STORE).get(Lab.class, Lab.class);
        if (lab != null && !lab.isClosed()) {
            System.err.println("--- network lab state when " + context.getDisplayName() + " failed ---\n"
                    + lab.describe() + lab.diagnostics());
        }
        throw failure;
    }

    /** A static factory method of the test class by that name, else a standard topology. */
    static Topology topology(String name, Class<?> testClass) {
        List<Method> factories = ReflectionSupport.findMethods(
                testClass,
                method -> method.getName().equals(name)
                        && Modifier.isStatic(method.getModifiers())
                        && method.getParameterCount() == 0
                        && Topology.class.isAssignableFrom(method.getReturnType()),
                HierarchyTraversalMode.BOTTOM_UP);
        if (!factories.isEmpty()) {
            return (Topology) ReflectionSupport.invokeMethod(factories.getFirst(), null);
        }
        return Topologies.named(name)
                .orElseThrow(() -> new ExtensionConfigurationException("@LabTopology(\"" + name + "\"): "
                        + testClass.getName() + " has no static method " + name + "() returning a Topology, and no"
                        + " standard topology has that name; the standard ones are " + Topologies.names()));
    }
}
