# One image recipe for every role: docker build --build-arg ROLE=Ingest (or Processors, Projections, GraphQL).
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG ROLE
WORKDIR /source
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN test -n "$ROLE" && dotnet publish "src/${ROLE}/Streaming.${ROLE}.csproj" -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}
ARG ROLE
# librdkafka ships inside the published output (runtimes/linux-x64/native/librdkafka.so: the
# redist's self-contained build, see Directory.Build.targets), so the image needs no system copy;
# curl for the compose health checks.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# DOTNET_GCgen0size: a 256 MB gen0 budget (see ./streaming): fewer collections under a high event rate.
ENV ROLE_ASSEMBLY=Streaming.${ROLE}.dll \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_GCgen0size=0x10000000
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["sh", "-c", "exec dotnet \"$ROLE_ASSEMBLY\""]
