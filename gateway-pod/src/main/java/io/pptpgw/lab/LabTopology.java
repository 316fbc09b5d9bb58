package io.pptpgw.lab;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test (on a method) or every test of a class a fresh {@link Lab} of this topology as a parameter, built
 * before and torn down after each test by {@link NetnsExtension}, or with {@link #shared()} one lab for the whole
 * class. Without root or the lab's tools the test is skipped, with the reason.
 *
 * <pre>{@code
 * @LabTopology("demo")
 * class PathIT {
 *     @Test
 *     void clientReachesTheNode(Lab lab) { ... }
 *
 *     @Test
 *     @LabTopology("routedDemo")      // a static method of this class returning a Topology
 *     void clientReachesInside(Lab lab) { ... }
 *
 *     static Topology routedDemo() { return Topologies.demo().withRoute("nat", ...); }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(NetnsExtension.class)
public @interface LabTopology {
    /**
     * A static no-argument method of the test class (or a superclass) returning a {@code Topology}, or else a
     * standard topology: {@code pair}, {@code client-node}, {@code demo}.
     */
    String value() default "demo";

    /**
     * On a class: one lab for all its tests, built before the first (so {@code @BeforeAll} methods get it too) and
     * removed after the last. Tests must leave it as they found it. A method's own {@code @LabTopology} still gets a
     * fresh lab.
     */
    boolean shared() default false;
}
