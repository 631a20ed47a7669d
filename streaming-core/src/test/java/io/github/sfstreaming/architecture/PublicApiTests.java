package io.github.sfstreaming.architecture;

import java.util.HashSet;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import io.github.sfstreaming.client.SalesforceStreamingClient;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;

/**
 * The core's public API does not expose its internals: another module could not use what it is given (they may
 * not depend on {@code io.github.sfstreaming.internal}), and the internals could no longer change freely.
 */
class PublicApiTests {

	private static final String INTERNAL = "io.github.sfstreaming.internal..";

	/** The core's own main classes: not its tests, not the emulator it is tested against. */
	private static final JavaClasses core = new ClassFileImporter().importLocations(Set.of(Location
		.of(SalesforceStreamingClient.class.getProtectionDomain().getCodeSource().getLocation())));

	@Test
	void publicMembersDoNotExposeInternalTypes() {
		members().that()
			.areDeclaredInClassesThat(isApi())
			.and(isVisibleOutsideItsPackage())
			.should(notInvolveInternalTypes())
			.check(core);
	}

	@Test
	void publicTypesDoNotExtendInternalTypes() {
		classes().that(isApi())
			.should()
			.notBeAssignableTo(JavaClass.Predicates.resideInAPackage(INTERNAL))
			.check(core);
	}

	private static DescribedPredicate<JavaClass> isApi() {
		return DescribedPredicate.describe("public classes outside " + INTERNAL,
				(JavaClass type) -> type.getModifiers().contains(JavaModifier.PUBLIC)
						&& !type.getPackageName().startsWith("io.github.sfstreaming.internal"));
	}

	private static DescribedPredicate<JavaMember> isVisibleOutsideItsPackage() {
		return DescribedPredicate.describe("are public or protected",
				(JavaMember member) -> member.getModifiers().contains(JavaModifier.PUBLIC)
						|| member.getModifiers().contains(JavaModifier.PROTECTED));
	}

	private static ArchCondition<JavaMember> notInvolveInternalTypes() {
		return new ArchCondition<>("not involve types of " + INTERNAL) {
			@Override
			public void check(JavaMember member, ConditionEvents events) {
				Set<JavaClass> involved = new HashSet<>();
				if (member instanceof JavaCodeUnit codeUnit) {
					involved.addAll(codeUnit.getAllInvolvedRawTypes());
				}
				else if (member instanceof JavaField field) {
					involved.addAll(field.getType().getAllInvolvedRawTypes());
				}
				for (JavaClass type : involved) {
					if (type.getPackageName().startsWith("io.github.sfstreaming.internal")) {
						events.add(SimpleConditionEvent.violated(member,
								member.getFullName() + " exposes " + type.getName()));
					}
				}
			}
		};
	}

}
