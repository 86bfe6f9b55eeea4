package org.proportion.redact;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Builds each recogniser redaction/recognizers.yaml names from the class its entry gives, so that
 * adding a recogniser is writing one class (implementing {@link Recognizer}, with a public
 * constructor taking a {@link RecognizerSetup}) and one entry in the configuration. Only classes
 * of this engine's own packages are accepted; a missing, foreign or misnamed class is an error,
 * which leaves the engine unavailable and every note withheld.
 */
final class RecognizerRegistry {

	static final String PACKAGE = "org.proportion.redact.";

	private RecognizerRegistry() {
	}

	static Recognizer create(RecognizerSetup setup) {
		Class<? extends Recognizer> type = check(setup.name(), setup.entry());
		Recognizer recognizer;
		try {
			Constructor<? extends Recognizer> constructor = type.getConstructor(RecognizerSetup.class);
			recognizer = constructor.newInstance(setup);
		}
		catch (NoSuchMethodException | InstantiationException | IllegalAccessException ex) {
			throw new IllegalStateException("Recogniser '" + setup.name() + "' has no public constructor taking a RecognizerSetup", ex);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause() instanceof RuntimeException runtime ? runtime
					: new IllegalStateException("Recogniser '" + setup.name() + "' could not be built", ex.getCause());
		}
		if (!recognizer.name().equals(setup.name())) {
			throw new IllegalStateException("Recogniser '" + setup.name() + "' calls itself '" + recognizer.name() + "'");
		}
		return recognizer;
	}

	/** The entry's class, checked: it exists, is one of ours and is a recogniser. */
	static Class<? extends Recognizer> check(String name, RedactionConfig.Entry entry) {
		if (entry.implementation() == null || entry.implementation().isBlank()) {
			throw new IllegalStateException("No recogniser class is given for '" + name + "'");
		}
		String className = PACKAGE + entry.implementation();
		Class<?> type;
		try {
			type = Class.forName(className, false, RecognizerRegistry.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("No recogniser is called '" + name + "' (" + className + ")", ex);
		}
		if (!Recognizer.class.isAssignableFrom(type)) {
			throw new IllegalStateException(className + " is not a recogniser");
		}
		return type.asSubclass(Recognizer.class);
	}

}
