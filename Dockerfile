# The gateway image for k8s/ (name: iamcore-gateway). Build the jar first, then the image:
#   mvn -B -q package -Dmaven.test.skip=true && docker build -t iamcore-gateway:dev .
FROM eclipse-temurin:17-jre
# A fixed non-root UID, matching the Deployment's runAsUser (runAsNonRoot needs a numeric USER).
RUN groupadd --system --gid 10001 iamcore && useradd --system --uid 10001 --gid 10001 --no-create-home iamcore
WORKDIR /app
COPY target/iamcore-gateway.jar /app/iamcore-gateway.jar
USER 10001:10001
EXPOSE 8080
# exec form: the JVM is PID 1 and gets SIGTERM directly (graceful drain, see Main.java).
ENTRYPOINT ["java", "-jar", "/app/iamcore-gateway.jar"]
