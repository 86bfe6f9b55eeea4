package org.proportion.ops;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.proportion.audit.DecisionLog;
import org.proportion.audit.LogEntry;
import org.proportion.audit.PreparedEntries;
import org.proportion.pack.PackBuildFailed;
import org.proportion.pack.PackBuilder;
import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Counts pack builds and logged decisions around the two beans that make them, {@link PackBuilder}
 * and {@link DecisionLog}, without a line in either: both are busy files, and every caller (REST
 * route, scheduler, emergency shares, rights, retention, the demo) goes through them, so counting
 * here misses none. A build is timed from the call, so a build that waited for another build of
 * this gateway includes the wait; decisions are counted once their transaction commits. The
 * advisor is added to an existing proxy (the decision log's transactional one) or makes a
 * class-based proxy (the pack builder), so both can still be injected by their class.
 */
class MetricsHooks extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	MetricsHooks(ObjectProvider<GatewayMetrics> metrics) {
		setProxyTargetClass(true);
		setBeforeExistingAdvisors(false);
		this.advisor = new StaticMethodMatcherPointcutAdvisor(new Counting(metrics)) {

			@Override
			public boolean matches(Method method, Class<?> targetClass) {
				return isBuild(method, targetClass) || isAppend(method, targetClass);
			}
		};
	}

	static boolean isBuild(Method method, Class<?> targetClass) {
		return PackBuilder.class.isAssignableFrom(targetClass) && method.getName().equals("build")
				&& method.getParameterCount() == 1 && method.getParameterTypes()[0] == String.class;
	}

	static boolean isAppend(Method method, Class<?> targetClass) {
		return DecisionLog.class.isAssignableFrom(targetClass) && method.getName().equals("append")
				&& method.getParameterCount() == 1
				&& (method.getParameterTypes()[0] == List.class || method.getParameterTypes()[0] == PreparedEntries.class);
	}

	/** Resolves the metrics on first use, so this post-processor does not create them early. */
	private record Counting(ObjectProvider<GatewayMetrics> metrics) implements MethodInterceptor {

		@Override
		public Object invoke(MethodInvocation invocation) throws Throwable {
			Method method = invocation.getMethod();
			if (method.getName().equals("append")) {
				Object result = invocation.proceed();
				Object argument = invocation.getArguments()[0];
				@SuppressWarnings("unchecked")
				List<LogEntry> entries = argument instanceof PreparedEntries prepared ? prepared.entries()
						: (List<LogEntry>) argument;
				metrics.getObject().decisionsLogged(entries);
				return result;
			}
			long started = System.nanoTime();
			try {
				Object summary = invocation.proceed();
				metrics.getObject().packBuilt(Duration.ofNanos(System.nanoTime() - started));
				return summary;
			}
			catch (PackBuildFailed ex) {
				metrics.getObject().packFailed(ex.code(), Duration.ofNanos(System.nanoTime() - started));
				throw ex;
			}
		}

	}

}
