package io.hf4j.jobs;

import io.hf4j.core.internal.RetrySafe;
import java.util.List;
import java.util.Map;
import okhttp3.ResponseBody;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.PUT;
import retrofit2.http.Path;

/**
 * The Jobs API. Answers are read as untyped JSON and mapped by {@link JobsJson}, which tolerates the
 * shape differences the Python client tolerates. Creating, duplicating and triggering jobs are never
 * retried (a retry could start a second job); cancel, suspend and resume are safe to repeat.
 */
interface JobsService {
  @GET("api/whoami-v2")
  Object whoami();

  @GET("api/jobs/hardware")
  List<Object> hardware();

  @POST("api/jobs/{ns}")
  Object runJob(@Path("ns") String namespace, @Body Map<String, Object> spec);

  @GET("api/jobs/{ns}/{id}")
  Object inspectJob(@Path("ns") String namespace, @Path("id") String jobId);

  @RetrySafe
  @POST("api/jobs/{ns}/{id}/cancel")
  ResponseBody cancelJob(@Path("ns") String namespace, @Path("id") String jobId);

  @PUT("api/jobs/{ns}/{id}/labels")
  ResponseBody updateJobLabels(@Path("ns") String namespace, @Path("id") String jobId, @Body Map<String, Object> body);

  @POST("api/jobs/{ns}/{id}/duplicate")
  Object duplicateJob(@Path("ns") String namespace, @Path("id") String jobId);

  @POST("api/scheduled-jobs/{ns}")
  Object createScheduledJob(@Path("ns") String namespace, @Body Map<String, Object> body);

  @GET("api/scheduled-jobs/{ns}")
  List<Object> listScheduledJobs(@Path("ns") String namespace);

  @GET("api/scheduled-jobs/{ns}/{id}")
  Object inspectScheduledJob(@Path("ns") String namespace, @Path("id") String id);

  @DELETE("api/scheduled-jobs/{ns}/{id}")
  ResponseBody deleteScheduledJob(@Path("ns") String namespace, @Path("id") String id);

  @RetrySafe
  @POST("api/scheduled-jobs/{ns}/{id}/suspend")
  ResponseBody suspendScheduledJob(@Path("ns") String namespace, @Path("id") String id);

  @RetrySafe
  @POST("api/scheduled-jobs/{ns}/{id}/resume")
  ResponseBody resumeScheduledJob(@Path("ns") String namespace, @Path("id") String id);

  @POST("api/scheduled-jobs/{ns}/{id}/run")
  Object triggerScheduledJob(@Path("ns") String namespace, @Path("id") String id);

  @PUT("api/scheduled-jobs/{ns}/{id}/labels")
  ResponseBody updateScheduledJobLabels(@Path("ns") String namespace, @Path("id") String id, @Body Map<String, Object> body);
}
